import { SecretCache } from '../../src/secret-cache';
import { SecretFetchError } from '../../src/errors';
import type { SecretRefreshEvent } from '../../src/types/hooks';
import { fakeSecretsManager, manualClock, secretJson } from '../helpers/fake-secrets';

describe('SecretCache', () => {
  it('serves a value from memory until the TTL passes, then fetches again', async () => {
    const sm = fakeSecretsManager({ AWSCURRENT: { versionId: 'v1', secretString: secretJson() } });
    const clock = manualClock();
    const cache = new SecretCache({ client: sm.client, ttlMs: 60_000, now: clock.now });

    expect((await cache.get('db', 'AWSCURRENT'))?.versionId).toBe('v1');
    clock.advance(59_999);
    await cache.get('db', 'AWSCURRENT');
    expect(sm.calls).toHaveLength(1);

    sm.stages.AWSCURRENT = { versionId: 'v2', secretString: secretJson({ password: 'new-password-xyz' }) };
    clock.advance(1);
    expect((await cache.get('db', 'AWSCURRENT'))?.versionId).toBe('v2');
    expect(sm.calls).toHaveLength(2);
  });

  it('defaults the TTL to five minutes', () => {
    const sm = fakeSecretsManager({});
    expect(new SecretCache({ client: sm.client }).ttlMs).toBe(300_000);
  });

  it('makes one GetSecretValue call for many concurrent forced refreshes (single-flight)', async () => {
    const sm = fakeSecretsManager({ AWSCURRENT: { versionId: 'v1', secretString: secretJson() } });
    const cache = new SecretCache({ client: sm.client });
    await cache.get('db');
    sm.stages.AWSCURRENT = { versionId: 'v2', secretString: secretJson() };

    const results = await Promise.all(
      Array.from({ length: 50 }, () => cache.get('db', 'AWSCURRENT', { maxAgeMs: 0 })),
    );

    expect(new Set(results.map((value) => value?.versionId))).toEqual(new Set(['v2']));
    expect(sm.calls).toEqual(['AWSCURRENT', 'AWSCURRENT']);
  });

  it('fetches and caches each stage separately', async () => {
    const sm = fakeSecretsManager({
      AWSCURRENT: { versionId: 'v1', secretString: secretJson() },
      AWSPENDING: { versionId: 'v2', secretString: secretJson({ password: 'pending-password' }) },
    });
    const cache = new SecretCache({ client: sm.client });

    expect((await cache.get('db', 'AWSCURRENT'))?.versionId).toBe('v1');
    expect((await cache.get('db', 'AWSPENDING'))?.versionId).toBe('v2');
    await cache.get('db', 'AWSPENDING');
    expect(sm.calls).toEqual(['AWSCURRENT', 'AWSPENDING']);
  });

  it('resolves undefined, and caches that, when no version carries the stage', async () => {
    const sm = fakeSecretsManager({ AWSCURRENT: { versionId: 'v1', secretString: secretJson() } });
    const cache = new SecretCache({ client: sm.client });

    expect(await cache.get('db', 'AWSPENDING')).toBeUndefined();
    expect(await cache.get('db', 'AWSPENDING')).toBeUndefined();
    expect(sm.calls).toEqual(['AWSPENDING']);
  });

  it('drops the least recently used entry beyond maxEntries', async () => {
    const sm = fakeSecretsManager({ AWSCURRENT: { versionId: 'v1', secretString: secretJson() } });
    const cache = new SecretCache({ client: sm.client, maxEntries: 2 });

    await cache.get('a');
    await cache.get('b');
    await cache.get('a'); // a is now the most recently used
    await cache.get('c'); // evicts b
    expect(cache.size).toBe(2);
    expect(sm.calls).toHaveLength(3);

    await cache.get('a');
    expect(sm.calls).toHaveLength(3);
    await cache.get('b');
    expect(sm.calls).toHaveLength(4);
    expect(cache.size).toBe(2);
  });

  it('serves the stale value and holds off calling again when a refresh fails', async () => {
    const sm = fakeSecretsManager({ AWSCURRENT: { versionId: 'v1', secretString: secretJson() } });
    const clock = manualClock();
    const cache = new SecretCache({ client: sm.client, ttlMs: 1000, errorHoldMs: 500, now: clock.now });
    await cache.get('db');

    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    sm.failNextCallsWith(throttled);
    clock.advance(1000);
    expect((await cache.get('db'))?.versionId).toBe('v1');
    expect((await cache.get('db', 'AWSCURRENT', { maxAgeMs: 0 }))?.versionId).toBe('v1');
    expect(sm.calls).toHaveLength(2);

    clock.advance(500);
    sm.failNextCallsWith(undefined);
    sm.stages.AWSCURRENT = { versionId: 'v2', secretString: secretJson() };
    expect((await cache.get('db'))?.versionId).toBe('v2');
  });

  it('throws SecretFetchError naming the secret and the SDK error when nothing is cached', async () => {
    const sm = fakeSecretsManager({});
    sm.failNextCallsWith(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const cache = new SecretCache({ client: sm.client });

    const error = await cache.get('db').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SecretFetchError);
    expect((error as Error).message).toContain('ThrottlingException');
  });

  it('reports every fetch to subscribers with its outcome, never the value', async () => {
    const sm = fakeSecretsManager({ AWSCURRENT: { versionId: 'v1', secretString: secretJson() } });
    const cache = new SecretCache({ client: sm.client });
    const events: SecretRefreshEvent[] = [];
    cache.subscribe((event) => events.push(event));

    await cache.get('db');
    await cache.get('db', 'AWSCURRENT', { maxAgeMs: 0 });
    await cache.get('db', 'AWSPENDING');

    expect(events.map((event) => event.outcome)).toEqual(['changed', 'unchanged', 'absent']);
    expect(JSON.stringify(events)).not.toContain('pw-current');
  });

  it('keeps the secret string out of JSON and enumeration', async () => {
    const sm = fakeSecretsManager({ AWSCURRENT: { versionId: 'v1', secretString: secretJson() } });
    const value = await new SecretCache({ client: sm.client }).get('db');

    expect(value?.secretString).toContain('pw-current');
    expect(JSON.stringify(value)).not.toContain('pw-current');
    expect(Object.keys(value ?? {})).not.toContain('secretString');
  });

  it('refuses a zero maxEntries', () => {
    const sm = fakeSecretsManager({});
    expect(() => new SecretCache({ client: sm.client, maxEntries: 0 })).toThrow(/maxEntries/);
  });
});
