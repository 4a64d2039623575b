import { CredentialProvider } from '../../src/credential-provider';
import { EngineMismatchError } from '../../src/errors';
import { SecretCache } from '../../src/secret-cache';
import { fakeSecretsManager, manualClock, secretJson } from '../helpers/fake-secrets';

function setup(stages: Parameters<typeof fakeSecretsManager>[0]) {
  const sm = fakeSecretsManager(stages);
  const clock = manualClock();
  const cache = new SecretCache({ client: sm.client, now: clock.now });
  const provider = new CredentialProvider({ secretId: 'db', family: 'postgres', cache, now: clock.now });
  return { sm, clock, cache, provider };
}

describe('CredentialProvider', () => {
  it('resolves AWSCURRENT when nothing failed', async () => {
    const { provider } = setup({ AWSCURRENT: { versionId: 'v1', secretString: secretJson() } });
    const credentials = await provider.resolve();
    expect(credentials).toMatchObject({ versionId: 'v1', stage: 'AWSCURRENT' });
    expect(credentials.secret.username).toBe('app');
  });

  it('switches to AWSPENDING when AWSCURRENT is refused and unchanged (single-user window)', async () => {
    const { sm, clock, provider } = setup({ AWSCURRENT: { versionId: 'v1', secretString: secretJson() } });
    const failed = await provider.resolve();
    sm.stages.AWSPENDING = { versionId: 'v2', secretString: secretJson({ password: 'pending-pw' }) };
    clock.advance(2000);

    await provider.recover(failed);
    const next = await provider.resolve();
    expect(next).toMatchObject({ versionId: 'v2', stage: 'AWSPENDING' });
    expect(next.secret.password).toBe('pending-pw');
  });

  it('goes back to AWSCURRENT once finishSecret moved it to the pending version', async () => {
    const { sm, clock, provider } = setup({ AWSCURRENT: { versionId: 'v1', secretString: secretJson() } });
    sm.stages.AWSPENDING = { versionId: 'v2', secretString: secretJson({ password: 'pending-pw' }) };
    clock.advance(2000);
    await provider.recover(await provider.resolve());
    expect((await provider.resolve()).stage).toBe('AWSPENDING');

    sm.stages.AWSCURRENT = sm.stages.AWSPENDING;
    delete sm.stages.AWSPENDING;
    clock.advance(300_001);
    expect(await provider.resolve()).toMatchObject({ versionId: 'v2', stage: 'AWSCURRENT' });
  });

  it('picks up a new username from AWSCURRENT (alternating users) without reading AWSPENDING', async () => {
    const { sm, clock, provider } = setup({ AWSCURRENT: { versionId: 'v1', secretString: secretJson() } });
    const failed = await provider.resolve();
    sm.stages.AWSCURRENT = { versionId: 'v2', secretString: secretJson({ username: 'app_clone' }) };
    clock.advance(2000);

    await provider.recover(failed);
    expect((await provider.resolve()).secret.username).toBe('app_clone');
    expect(sm.calls).toEqual(['AWSCURRENT', 'AWSCURRENT']);
  });

  it('makes one GetSecretValue per stage however many connections fail at once', async () => {
    const { sm, clock, provider } = setup({ AWSCURRENT: { versionId: 'v1', secretString: secretJson() } });
    const failed = await provider.resolve();
    sm.stages.AWSPENDING = { versionId: 'v2', secretString: secretJson({ password: 'pending-pw' }) };
    clock.advance(2000);

    await Promise.all(Array.from({ length: 100 }, () => provider.recover(failed)));
    await Promise.all(Array.from({ length: 100 }, () => provider.resolve()));

    expect(sm.calls).toEqual(['AWSCURRENT', 'AWSCURRENT', 'AWSPENDING']);
  });

  it('trusts a value younger than minRefreshIntervalMs instead of calling again', async () => {
    const { sm, provider } = setup({ AWSCURRENT: { versionId: 'v1', secretString: secretJson() } });
    const failed = await provider.resolve();
    await provider.recover(failed);
    await provider.recover(failed);
    // AWSCURRENT was fetched just now: only AWSPENDING is read (once; "absent" is cached too).
    expect(sm.calls).toEqual(['AWSCURRENT', 'AWSPENDING']);
  });

  it('does not read AWSPENDING when usePendingStage is false', async () => {
    const sm = fakeSecretsManager({
      AWSCURRENT: { versionId: 'v1', secretString: secretJson() },
      AWSPENDING: { versionId: 'v2', secretString: secretJson() },
    });
    const cache = new SecretCache({ client: sm.client });
    const provider = new CredentialProvider({
      secretId: 'db',
      family: 'postgres',
      cache,
      usePendingStage: false,
    });
    await provider.recover(await provider.resolve());
    expect((await provider.resolve()).versionId).toBe('v1');
    expect(sm.calls).not.toContain('AWSPENDING');
  });

  it('refuses a secret of the other engine family', async () => {
    const { provider } = setup({
      AWSCURRENT: { versionId: 'v1', secretString: secretJson({ engine: 'mariadb' }) },
    });
    await expect(provider.resolve()).rejects.toBeInstanceOf(EngineMismatchError);
  });
});
