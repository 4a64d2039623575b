import { DatabaseStatementError, UserNotFoundError } from '../../src/errors';
import { ENGINE_CASES } from './engine-cases';
import { hostilePassword, settled, unique } from './helpers';

describe.each(ENGINE_CASES)('$adapterName setting passwords on a real $serverName', (engine) => {
  const { adapter, master, options, credentials } = engine;
  const admin = engine.useAdmin();

  it.each(engine.hostileUsernames)(
    'sets a hostile password for %j on every account of the user, stored hashed',
    async (base) => {
      const username = `${base}${unique('')}`;
      const initial = hostilePassword();
      const next = hostilePassword();
      await admin().createUserOnEveryHost(username, initial);
      const session = await adapter.connect(master(), options());
      try {
        await session.setUserPassword(username, next);
      } finally {
        await session.close();
      }
      await admin().expectStoredAsHash(username, next);
      expect(await adapter.verifyLogin(credentials(username, next), options())).toBe(true);
      expect(await adapter.verifyLogin(credentials(username, initial), options())).toBe(false);
    },
  );

  it('lets a user change its own password', async () => {
    const username = unique('self_');
    const initial = hostilePassword();
    const next = hostilePassword();
    await admin().createUser(username, initial);
    const session = await adapter.connect(credentials(username, initial), options());
    await session.setOwnPassword(next);
    await session.close();
    expect(await adapter.verifyLogin(credentials(username, next), options())).toBe(true);
    expect(await adapter.verifyLogin(credentials(username, initial), options())).toBe(false);
  });

  it('throws UserNotFoundError for a missing user', async () => {
    const session = await adapter.connect(master(), options());
    try {
      await expect(session.setUserPassword(unique('ghost_'), 'x')).rejects.toThrow(UserNotFoundError);
    } finally {
      await session.close();
    }
  });

  it('gives up on a statement blocked by a lock within the statement timeout', async () => {
    const username = unique('locked_');
    await admin().createUser(username, 'initial-password');
    const session = await adapter.connect(master(), { ...options(), statementTimeoutMs: 300 });
    const release = await admin().blockPasswordChange(username);
    try {
      const result = await settled(session.setUserPassword(username, 'next-password'));
      expect(result.error).toBeInstanceOf(DatabaseStatementError);
      expect((result.error as DatabaseStatementError).reason).toBe('timeout');
    } finally {
      await release();
      await session.close();
    }
  });
});
