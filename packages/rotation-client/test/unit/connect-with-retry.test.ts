import { connectWithRetry } from '../../src/connect-with-retry';
import { wrapConnectError } from '../../src/connect-failure';
import { CredentialProvider } from '../../src/credential-provider';
import type { DatabaseConnectError } from '../../src/errors';
import { AuthenticationRetryExhaustedError } from '../../src/errors';
import { RotationMetrics } from '../../src/rotation-metrics';
import { SecretCache } from '../../src/secret-cache';
import type { AuthFailureEvent, AuthRetryEvent } from '../../src/types/hooks';
import type { ResolvedCredentials } from '../../src/types/secret';
import { fakeSecretsManager, manualClock, secretJson } from '../helpers/fake-secrets';

/** A fake database that accepts exactly one password, and a clock whose sleeps advance it. */
function setup(hooks = {}) {
  const sm = fakeSecretsManager({ AWSCURRENT: { versionId: 'v1', secretString: secretJson() } });
  const clock = manualClock();
  const cache = new SecretCache({ client: sm.client, now: clock.now });
  const provider = new CredentialProvider({ secretId: 'db', family: 'postgres', cache, now: clock.now });
  const metrics = new RotationMetrics(hooks);
  const sleeps: number[] = [];
  const db = { acceptedPassword: 'pw-current-0123456789', attempts: 0 };
  const connect = async (): Promise<ResolvedCredentials> => {
    db.attempts += 1;
    const credentials = await provider.resolve();
    if (credentials.secret.password !== db.acceptedPassword) {
      const driverError = Object.assign(
        new Error(`password authentication failed for user "app" (${credentials.secret.password})`),
        { code: '28P01' },
      );
      throw wrapConnectError('postgres', credentials, driverError);
    }
    return credentials;
  };
  const context = (policy = {}) => ({
    family: 'postgres' as const,
    provider,
    metrics,
    policy: {
      now: clock.now,
      random: () => 0.5,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        clock.advance(ms);
      },
      ...policy,
    },
  });
  return { sm, clock, provider, metrics, sleeps, db, connect, context };
}

describe('connectWithRetry', () => {
  it('connects at once when the credentials work', async () => {
    const { connect, context, metrics, sleeps } = setup();
    await connectWithRetry(connect, context());
    expect(sleeps).toEqual([]);
    expect(metrics.stats()).toMatchObject({ authRetries: 0, connectionsOpened: 1 });
  });

  it('reads AWSPENDING and connects with it during the single-user window', async () => {
    const { sm, clock, db, connect, context, metrics } = setup();
    await connectWithRetry(connect, context());
    sm.stages.AWSPENDING = { versionId: 'v2', secretString: secretJson({ password: 'rotated-pw' }) };
    db.acceptedPassword = 'rotated-pw';
    clock.advance(2000);

    const used = await connectWithRetry(connect, context());
    expect(used).toMatchObject({ versionId: 'v2', stage: 'AWSPENDING' });
    expect(metrics.stats().authRetries).toBe(1);
  });

  it('backs off with growing full-jitter delays until the budget is spent, then throws', async () => {
    const failures: AuthFailureEvent[] = [];
    const retries: AuthRetryEvent[] = [];
    const { db, connect, context, sleeps } = setup({
      onAuthFailure: (event: AuthFailureEvent) => failures.push(event),
      onAuthRetry: (event: AuthRetryEvent) => retries.push(event),
    });
    db.acceptedPassword = 'nobody-has-this';

    const error = await connectWithRetry(connect, context({ retryBudgetMs: 10_000 })).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(AuthenticationRetryExhaustedError);
    expect((error as AuthenticationRetryExhaustedError).code).toBe('28P01');
    expect(sleeps.slice(0, 5)).toEqual([25, 50, 100, 200, 400]);
    expect(Math.max(...sleeps)).toBe(2500);
    expect(sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(10_000);
    expect(failures).toEqual([
      expect.objectContaining({ attempts: sleeps.length + 1, elapsedMs: 10_000, code: '28P01' }),
    ]);
    expect(retries.map((event) => event.attempt)).toEqual(sleeps.map((_ms, index) => index + 1));
  });

  it('never puts the password into the error it throws', async () => {
    const { db, connect, context } = setup();
    db.acceptedPassword = 'nobody-has-this';
    const error = (await connectWithRetry(connect, context({ retryBudgetMs: 100 })).catch(
      (e: unknown) => e,
    )) as Error;
    const cause = error.cause as DatabaseConnectError;

    expect(error.message).not.toContain('pw-current');
    expect(cause.message).not.toContain('pw-current');
    expect((cause.cause as Error).message).not.toContain('pw-current');
    expect((cause.cause as Error).stack).not.toContain('pw-current');
    expect(cause.message).toContain('[REDACTED]');
  });

  it.each([
    ['a syntax error', { code: '42601' }],
    ['a missing database', { code: '3D000' }],
    ['connection refused (no transient budget)', { code: 'ECONNREFUSED' }],
  ])('rethrows %s at once, without touching the secret', async (_name, fields) => {
    const { connect, context, sm, sleeps } = setup();
    await connectWithRetry(connect, context());
    const callsBefore = sm.calls.length;
    const failing = async () => {
      throw Object.assign(new Error('not an auth problem'), fields);
    };

    await expect(connectWithRetry(failing, context())).rejects.toMatchObject(fields);
    expect(sm.calls.length).toBe(callsBefore);
    expect(sleeps).toEqual([]);
  });

  it('retries transient connect errors within their own budget, without re-reading the secret', async () => {
    const { connect, context, sm, metrics } = setup();
    let refusals = 3;
    const flaky = async () => {
      if (refusals > 0) {
        refusals -= 1;
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      }
      return connect();
    };

    await connectWithRetry(flaky, context({ transientRetryBudgetMs: 5000 }));
    expect(metrics.stats()).toMatchObject({ connectRetries: 3, authRetries: 0 });
    expect(sm.calls).toEqual(['AWSCURRENT']);
  });

  it('ignores a metrics hook that throws', async () => {
    const { sm, clock, db, connect, context } = setup({
      onAuthRetry: () => {
        throw new Error('metrics backend down');
      },
    });
    sm.stages.AWSPENDING = { versionId: 'v2', secretString: secretJson({ password: 'rotated-pw' }) };
    db.acceptedPassword = 'rotated-pw';
    clock.advance(2000);
    await expect(connectWithRetry(connect, context())).resolves.toMatchObject({ versionId: 'v2' });
  });
});

describe('connectWithRetry when Secrets Manager is unavailable', () => {
  function context(sleeps: number[], clockAdvance: (ms: number) => void, now: () => number) {
    const sm = fakeSecretsManager({ AWSCURRENT: { versionId: 'v1', secretString: secretJson() } });
    const cache = new SecretCache({ client: sm.client, now });
    const provider = new CredentialProvider({ secretId: 'db', family: 'postgres', cache, now });
    return {
      sm,
      provider,
      retry: {
        family: 'postgres' as const,
        provider,
        metrics: new RotationMetrics(),
        policy: {
          now,
          random: () => 0.5,
          retryBudgetMs: 2000,
          sleep: async (ms: number) => {
            sleeps.push(ms);
            clockAdvance(ms);
          },
        },
      },
    };
  }

  it('retries a throttled first read (nothing cached) within the retry budget', async () => {
    const clock = manualClock();
    const sleeps: number[] = [];
    const { sm, provider, retry } = context(sleeps, clock.advance, clock.now);
    sm.failNextCallsWith(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    let attempts = 0;
    const attempt = async () => {
      attempts += 1;
      if (attempts === 3) sm.failNextCallsWith(undefined);
      return provider.resolve();
    };

    await expect(connectWithRetry(attempt, retry)).resolves.toMatchObject({ versionId: 'v1' });
    expect(sleeps).toEqual([25, 50]);
  });

  it('does not retry a secret that does not exist or may not be read', async () => {
    const clock = manualClock();
    const sleeps: number[] = [];
    const { sm, provider, retry } = context(sleeps, clock.advance, clock.now);
    sm.failNextCallsWith(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));

    await expect(connectWithRetry(() => provider.resolve(), retry)).rejects.toThrow(/AccessDeniedException/);
    expect(sleeps).toEqual([]);
  });
});
