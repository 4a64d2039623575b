import { PutSecretValueCommand, ResourceExistsException } from '@aws-sdk/client-secrets-manager';
import type { ConnectOptions, DatabaseCredentials } from '@credential-rotation/engine-adapters';
import { LoginFailedError, RotationInProgressError, RotationStepError } from '../../src';
import { MASTER, unitHarness } from '../support/unit-harness';
import type { UnitHarness } from '../support/unit-harness';

let h: UnitHarness;
beforeEach(() => {
  h = unitHarness();
});
afterEach(() => h.output.stop());

const event = (Step: string, SecretId: string, ClientRequestToken: string) => ({
  Step,
  SecretId,
  ClientRequestToken,
});

function currentPassword(arn: string): string {
  return String(h.sm.value(arn, 'AWSCURRENT').password);
}

describe('single-user rotation', () => {
  it('rotates the password and leaves AWSCURRENT logging in', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    const result = await h.driver.rotate(arn);
    expect(result.completed).toBe(true);
    expect(currentPassword(arn)).not.toBe('Initial-Passw0rd-1');
    expect(currentPassword(arn)).toHaveLength(32);
    expect(h.db.accepts('app', currentPassword(arn))).toBe(true);
    expect(h.sm.stages(arn)[result.token]).toEqual(['AWSCURRENT']);
    expect(Object.values(h.sm.stages(arn))).toContainEqual(['AWSPREVIOUS']);
  });

  it('generates passwords with the configured length and without excluded characters', async () => {
    h.output.stop();
    h = unitHarness({ passwordLength: 20, excludeCharacters: 'abcdefghijklmnopqrstuvwxyz' });
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    await h.driver.rotate(arn);
    expect(currentPassword(arn)).toMatch(/^[^a-z]{20}$/);
  });

  it('keeps an existing AWSPENDING value when createSecret runs again', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    const token = h.sm.startRotation(arn);
    await h.handler(event('createSecret', arn, token));
    const first = h.sm.value(arn, 'AWSPENDING').password;
    await h.handler(event('createSecret', arn, token));
    expect(h.sm.value(arn, 'AWSPENDING').password).toBe(first);
  });

  it('handles a concurrent duplicate createSecret: the first stored value wins', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    await h.driver.rotate(arn, { concurrent: { createSecret: 3, setSecret: 2 } });
    expect(h.db.accepts('app', currentPassword(arn))).toBe(true);
    const actions = h.output
      .logs()
      .filter((l) => l.step === 'createSecret')
      .map((l) => l.action);
    expect(actions).toContain('created');
    expect(actions).toContain('kept-concurrent');
  });

  it('forwards the RotationToken to PutSecretValue', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    const token = h.sm.startRotation(arn);
    await h.handler({ ...event('createSecret', arn, token), RotationToken: 'rotation-token-123' });
    const put = h.sm.mock.commandCalls(PutSecretValueCommand)[0];
    expect(put?.args[0].input).toMatchObject({
      ClientRequestToken: token,
      RotationToken: 'rotation-token-123',
      VersionStages: ['AWSPENDING'],
    });
    expect(JSON.stringify(h.output.lines)).not.toContain('rotation-token-123');
  });

  it('fails createSecret when PutSecretValue reports an existing version that holds no value', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    const token = h.sm.startRotation(arn);
    h.sm.mock
      .on(PutSecretValueCommand)
      .rejects(new ResourceExistsException({ message: 'exists', $metadata: {} }));
    await expect(h.handler(event('createSecret', arn, token))).rejects.toThrow(
      /reported an existing version, but it holds no value/,
    );
  });

  it('treats a retried setSecret as done when AWSPENDING already logs in', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    await h.driver.rotate(arn, { repeat: { createSecret: 1, setSecret: 2, testSecret: 1, finishSecret: 1 } });
    expect(h.db.accepts('app', currentPassword(arn))).toBe(true);
    const setActions = h.output
      .logs()
      .filter((l) => l.step === 'setSecret' && l.outcome !== undefined)
      .map((l) => l.action);
    expect(setActions).toEqual(['set-by-current', 'already-set', 'already-set']);
    const finishActions = h.output
      .logs()
      .filter((l) => l.step === 'finishSecret')
      .map((l) => l.action);
    expect(finishActions).toEqual(['moved-current', 'already-current']);
  });

  it('recovers from drift: AWSCURRENT is wrong but the database is still on AWSPREVIOUS', async () => {
    h.db.addUser('app', 'Old-Passw0rd-that-works');
    const arn = h.userSecret({ username: 'app', password: 'Old-Passw0rd-that-works' });
    h.sm.addVersion(
      arn,
      JSON.stringify({
        engine: 'postgres',
        host: 'db.internal',
        port: 5432,
        username: 'app',
        password: 'Wrong-Passw0rd',
      }),
      ['AWSCURRENT'],
    );
    await h.driver.rotate(arn);
    expect(h.db.accepts('app', currentPassword(arn))).toBe(true);
    expect(h.output.logs().find((l) => l.step === 'setSecret' && l.outcome === 'succeeded')?.action).toBe(
      'set-by-previous',
    );
  });

  it('sets the first password through the master secret (bootstrap without a password)', async () => {
    h.db.addUser('app', undefined);
    const arn = h.userSecret({ username: 'app', masterarn: h.masterArn });
    await h.driver.rotate(arn);
    expect(h.db.accepts('app', currentPassword(arn))).toBe(true);
    expect(h.output.logs().find((l) => l.step === 'setSecret' && l.outcome === 'succeeded')?.action).toBe(
      'set-by-master',
    );
  });

  it('throws LoginFailedError when nothing logs in and there is no masterarn, keeping AWSCURRENT', async () => {
    h.db.addUser('app', 'Database-Passw0rd');
    const arn = h.userSecret({ username: 'app', password: 'Secret-Passw0rd' });
    const before = h.sm.stages(arn);
    const failure = h.driver.rotate(arn);
    await expect(failure).rejects.toThrow(
      /setSecret failed: .*LoginFailedError: Neither AWSCURRENT, AWSPENDING nor AWSPREVIOUS logs in as "app", no unlabelled version written by this function was found, and the secret has no masterarn/,
    );
    const currentId = Object.entries(before).find(([, s]) => s.includes('AWSCURRENT'))?.[0] ?? '';
    expect(h.sm.stages(arn)[currentId]).toEqual(['AWSCURRENT']);
    expect(JSON.stringify(h.output.lines)).not.toMatch(/Passw0rd/);
  });

  it('refuses before connecting when AWSPENDING points at another host', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    const token = h.sm.startRotation(arn);
    await h.handler(event('createSecret', arn, token));
    const pending = h.sm.value(arn, 'AWSPENDING');
    const tampered = h.sm.addVersion(arn, JSON.stringify({ ...pending, host: 'evil.example' }), [
      'AWSPENDING',
    ]);
    const logins = h.db.logins;
    await expect(h.handler(event('setSecret', arn, tampered))).rejects.toThrow(/disagree on host/);
    expect(h.db.logins).toBe(logins);
  });

  it('refuses to make an AWSPENDING version without a value AWSCURRENT', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    const token = h.sm.startRotation(arn);
    await expect(h.handler(event('finishSecret', arn, token))).rejects.toThrow(
      /AWSPENDING holds no value; refusing to make it AWSCURRENT/,
    );
    expect(h.sm.stages(arn)[token]).toEqual(['AWSPENDING']);
  });

  it('fails testSecret when AWSPENDING does not log in', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    const token = h.sm.startRotation(arn);
    await h.handler(event('createSecret', arn, token));
    await expect(h.handler(event('testSecret', arn, token))).rejects.toThrow(
      /AWSPENDING does not log in as "app"/,
    );
  });

  it('bounds an unreachable database: the error names the cause, no fallback is tried', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    h.db.reachable = false;
    await expect(h.driver.rotate(arn)).rejects.toThrow(
      /Logging in with AWSCURRENT failed: Error: connect ECONNREFUSED/,
    );
    expect(h.db.logins).toBe(0);
  });
});

describe('alternating-users rotation', () => {
  it('alternates user and user_clone, copying privileges, for two rotations', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1', { privileges: ['SELECT ON orders'] });
    const arn = h.userSecret({
      username: 'app',
      password: 'Initial-Passw0rd-1',
      masterarn: h.masterArn,
      rotationStrategy: 'alternating-users',
    });

    await h.driver.rotate(arn);
    expect(h.sm.value(arn, 'AWSCURRENT').username).toBe('app_clone');
    expect(h.db.accepts('app_clone', currentPassword(arn))).toBe(true);
    expect([...(h.db.users.get('app_clone')?.privileges ?? [])]).toEqual(['SELECT ON orders']);
    expect(h.db.accepts('app', 'Initial-Passw0rd-1')).toBe(true);

    await h.driver.rotate(arn);
    expect(h.sm.value(arn, 'AWSCURRENT').username).toBe('app');
    expect(h.db.accepts('app', currentPassword(arn))).toBe(true);
    expect(h.sm.value(arn, 'AWSPREVIOUS').username).toBe('app_clone');
    expect(h.db.accepts('app_clone', String(h.sm.value(arn, 'AWSPREVIOUS').password))).toBe(true);
  });

  it('throws when the master secret does not log in', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    h.db.users.get(MASTER.username)!.password = 'changed-elsewhere';
    const arn = h.userSecret({
      username: 'app',
      password: 'Initial-Passw0rd-1',
      masterarn: h.masterArn,
      rotationStrategy: 'alternating-users',
    });
    await expect(h.driver.rotate(arn)).rejects.toThrow(/The master secret \(masterarn\) does not log in/);
  });
});

describe('checks before every step', () => {
  it('refuses when rotation is not enabled', async () => {
    const arn = h.userSecret({ username: 'app', password: 'x' }, { rotationEnabled: false });
    await expect(
      h.handler(event('createSecret', arn, '0b6c6fd2-8e3f-4a5e-9a53-2f4f1c2a9d10')),
    ).rejects.toThrow(/Rotation is not enabled/);
  });

  it('refuses a token that is not a version of the secret', async () => {
    const arn = h.userSecret({ username: 'app', password: 'x' });
    await expect(h.handler(event('setSecret', arn, '0b6c6fd2-8e3f-4a5e-9a53-2f4f1c2a9d10'))).rejects.toThrow(
      /is not a version of secret/,
    );
  });

  it('refuses a token that is neither AWSCURRENT nor AWSPENDING', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    const first = await h.driver.rotate(arn);
    await h.driver.rotate(arn);
    await expect(h.handler(event('setSecret', arn, first.token))).rejects.toThrow(/is not AWSPENDING/);
  });

  it('is a no-op for every step when the token is already AWSCURRENT, even with AWSPENDING left on it', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    const { token } = await h.driver.rotate(arn, { skipPendingCleanup: true });
    const password = currentPassword(arn);
    h.db.reachable = false;
    for (const step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'])
      await h.handler(event(step, arn, token));
    expect(currentPassword(arn)).toBe(password);
    expect(h.sm.stages(arn)[token]).toEqual(['AWSPENDING', 'AWSCURRENT']);
  });

  it('throws RotationStepError naming the step, with the cause kept', async () => {
    const failure = h.handler({ Step: 'createSecret', SecretId: 'x', ClientRequestToken: 'short' });
    await expect(failure).rejects.toBeInstanceOf(RotationStepError);
    await expect(failure).rejects.toMatchObject({
      step: 'createSecret',
      message: expect.stringMatching(/^createSecret failed: InvalidEventError/),
    });
  });
});

describe('the rotation driver', () => {
  it('refuses a second rotation while one is incomplete, and reattempts it on request', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    const crashed = await h.driver.rotate(arn, { crashAfter: 'setSecret' });
    expect(crashed.completed).toBe(false);
    await expect(h.driver.rotate(arn)).rejects.toBeInstanceOf(RotationInProgressError);
    const again = await h.driver.rotate(arn, { onIncomplete: 'reattempt' });
    expect(again).toMatchObject({ token: crashed.token, reattempted: true, completed: true });
    expect(h.db.accepts('app', currentPassword(arn))).toBe(true);
  });

  it('serialises concurrent starts: the second one sees the first rotation in progress', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    const results = await Promise.allSettled([h.driver.rotate(arn), h.driver.rotate(arn)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(h.db.accepts('app', currentPassword(arn))).toBe(true);
  });
});

describe('observability', () => {
  it('logs one outcome line per step with ARN, step, token, engine, outcome and duration', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    const { token } = await h.driver.rotate(arn);
    const outcomes = h.output.logs().filter((l) => l.outcome !== undefined);
    expect(outcomes.map((l) => l.step)).toEqual(['createSecret', 'setSecret', 'testSecret', 'finishSecret']);
    for (const line of outcomes) {
      expect(line).toMatchObject({
        secretArn: arn,
        token,
        engine: 'postgres',
        outcome: 'succeeded',
        level: 'INFO',
      });
      expect(typeof line.durationMs).toBe('number');
    }
  });

  it('logs the Lambda request id when a context is given', async () => {
    const arn = h.userSecret({ username: 'app', password: 'x' }, { rotationEnabled: false });
    const token = '0b6c6fd2-8e3f-4a5e-9a53-2f4f1c2a9d10';
    await expect(h.handler(event('setSecret', arn, token), { awsRequestId: 'req-42' })).rejects.toThrow();
    expect(h.output.logs()[0]).toMatchObject({ requestId: 'req-42', outcome: 'failed', step: 'setSecret' });
  });

  it('emits EMF metrics per step outcome with dimension step', async () => {
    const arn = h.userSecret({ username: 'app', password: 'x' }, { rotationEnabled: false });
    await expect(
      h.handler(event('setSecret', arn, '0b6c6fd2-8e3f-4a5e-9a53-2f4f1c2a9d10')),
    ).rejects.toThrow();
    const [emf] = h.output.metrics();
    expect(emf).toMatchObject({ step: 'setSecret', RotationStepFailed: 1, RotationStepSucceeded: 0 });
    expect(JSON.stringify(emf)).toContain('"Namespace":"CredentialRotation"');
  });

  // A driver error can echo the credentials it was given (each step registers every value it
  // reads before using it): the login of setSecret with AWSCURRENT and of testSecret with AWSPENDING.
  it('never logs a password, even from a driver error that echoes it', async () => {
    h.db.addUser('app', 'Initial-Passw0rd-1');
    const arn = h.userSecret({ username: 'app', password: 'Initial-Passw0rd-1' });
    const adapter = h.db.adapter();
    const echo = (credentials: DatabaseCredentials) =>
      new Error(`bad login with ${credentials.password} at postgres://app:${credentials.password}@db`);
    let leakyConnects = 0;
    const leaky = {
      ...adapter,
      // The first connect (setSecret, AWSCURRENT) fails echoing its password; the retry succeeds.
      connect: async (credentials: DatabaseCredentials, options?: ConnectOptions) =>
        leakyConnects++ === 0 ? Promise.reject(echo(credentials)) : adapter.connect(credentials, options),
      verifyLogin: async (credentials: DatabaseCredentials) => Promise.reject(echo(credentials)),
    };
    const { createRotationHandler, loadConfig, RotationDriver } = await import('../../src');
    const handler = createRotationHandler({
      adapterFor: () => leaky,
      config: loadConfig({}),
      secretsManager: h.sm.client,
    });
    const driver = new RotationDriver({ client: h.sm.client, handler });
    const failures: Error[] = [];
    // setSecret fails: AWSCURRENT's login echoes it. Then testSecret fails: AWSPENDING's login echoes it.
    await driver.rotate(arn).catch((error: Error) => failures.push(error));
    await driver.rotate(arn, { onIncomplete: 'reattempt' }).catch((error: Error) => failures.push(error));
    expect(failures.map((error) => error.message)).toEqual([
      expect.stringMatching(/^setSecret failed: .*\[REDACTED\]/),
      expect.stringMatching(/^testSecret failed: .*\[REDACTED\]/),
    ]);
    const pending = String(h.sm.value(arn, 'AWSPENDING').password);
    for (const error of failures) {
      for (const password of ['Initial-Passw0rd-1', pending]) {
        expect(error.message).not.toContain(password);
        expect(error.stack).not.toContain(password);
      }
    }
    expect(h.output.lines.join('\n')).not.toContain('Initial-Passw0rd-1');
    expect(h.output.lines.join('\n')).not.toContain(pending);
    expect(h.output.lines.join('\n')).toContain('[REDACTED]');
  });
});

it('exports LoginFailedError for callers', () => {
  expect(new LoginFailedError('x').name).toBe('LoginFailedError');
});
