import { UnsupportedUsernameError, UserNotFoundError } from '../../src/errors';
import { maxUsernameLength } from '../../src/validation';
import { ENGINE_CASES } from './engine-cases';
import { hostilePassword, unique } from './helpers';

describe.each(ENGINE_CASES)('$adapterName ensureCloneUser on a real $serverName', (engine) => {
  const { adapter, master, options, credentials, ensureClone } = engine;
  const admin = engine.useAdmin();

  it('is idempotent: a second run sets the new password', async () => {
    const { source } = await admin().createCloneSource();
    const clone = `${source}_clone`;
    const first = hostilePassword();
    const second = hostilePassword();
    await ensureClone(source, clone, first);
    await ensureClone(source, clone, second);
    expect(await adapter.verifyLogin(credentials(clone, second), options())).toBe(true);
    expect(await adapter.verifyLogin(credentials(clone, first), options())).toBe(false);
  });

  it('works in reverse for the next alternating rotation (clone -> original)', async () => {
    const { source } = await admin().createCloneSource();
    const clone = `${source}_clone`;
    await ensureClone(source, clone, hostilePassword());
    const next = hostilePassword();
    await ensureClone(clone, source, next);
    expect(await adapter.verifyLogin(credentials(source, next), options())).toBe(true);
  });

  it('lets a clone change its own password, not its source’s', async () => {
    const { source, password } = await admin().createCloneSource();
    const clone = `${source}_clone`;
    const initial = hostilePassword();
    const next = hostilePassword();
    await ensureClone(source, clone, initial);
    const session = await adapter.connect(credentials(clone, initial), options());
    await session.setOwnPassword(next);
    await session.close();
    expect(await adapter.verifyLogin(credentials(clone, next), options())).toBe(true);
    expect(await adapter.verifyLogin(credentials(source, password), options())).toBe(true);
  });

  const limit = maxUsernameLength(engine.engine);
  it(`refuses a clone name over ${limit} and a missing source, changing nothing`, async () => {
    const session = await adapter.connect(master(), options());
    try {
      // `_clone` makes the name one longer than the engine accepts.
      const longest = 'a'.repeat(limit - 5);
      await expect(session.ensureCloneUser(longest, `${longest}_clone`, 'pw')).rejects.toThrow(
        UnsupportedUsernameError,
      );
      const ghost = unique('ghost_');
      await expect(session.ensureCloneUser(ghost, `${ghost}_clone`, 'pw')).rejects.toThrow(UserNotFoundError);
      expect(await admin().userExists(`${ghost}_clone`)).toBe(false);
      await session.ping();
    } finally {
      await session.close();
    }
  });
});
