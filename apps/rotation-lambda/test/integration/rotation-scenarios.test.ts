/**
 * The real handler against real PostgreSQL and MariaDB, with Secrets Manager served by moto
 * through the real SDK client, driven the way Secrets Manager drives a rotation. Every log
 * line of every scenario is captured; the last test proves no password was ever logged.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { RotationDriverError, RotationInProgressError } from '../../src';
import { OutputCapture } from '../support/capture-output';
import { IntegrationHarness } from '../support/integration-harness';
import type { EngineName } from '../support/integration-harness';

const h = new IntegrationHarness();
const output = new OutputCapture();
beforeAll(() => output.start());
afterAll(() => output.stop());

const ENGINES: EngineName[] = ['postgres', 'mariadb'];
const INITIAL = 'Initial-Passw0rd-ABC';

/** A database user with a known password and its single-user secret. */
async function singleUser(engine: EngineName, extra: Record<string, unknown> = {}) {
  const username = h.name('app');
  const password = `${INITIAL}-${username}`;
  await h.admin(engine).createUser(username, password);
  const arn = await h.userSecret(engine, { username, password, ...extra });
  return { username, password, arn };
}

/** A database user with a known password and its alternating-users secret, set by the master user. */
async function alternatingUsers(engine: EngineName, prefix: string) {
  const username = h.name(prefix);
  const password = `${INITIAL}-${username}`;
  await h.admin(engine).createUser(username, password);
  const masterarn = await h.masterSecret(engine);
  const arn = await h.userSecret(engine, {
    username,
    password,
    masterarn,
    rotationStrategy: 'alternating-users',
  });
  return { username, arn };
}

async function expectCurrentLogsIn(arn: string): Promise<void> {
  expect(await h.stageLogsIn(arn, 'AWSCURRENT')).toBe(true);
}

describe.each(ENGINES)('single-user rotation on %s', (engine) => {
  it('rotates three times; AWSCURRENT logs in after each and the old password stops working', async () => {
    const { username, password, arn } = await singleUser(engine);
    const driver = h.driver();
    let previous = password;
    for (let round = 0; round < 3; round++) {
      const { token } = await driver.rotate(arn);
      await expectCurrentLogsIn(arn);
      expect((await h.stages(arn))[token]).toEqual(['AWSCURRENT']);
      expect(await h.admin(engine).canLogIn(username, previous)).toBe(false);
      previous = String((await h.value(arn)).password);
    }
  });

  it('survives a retry of every step', async () => {
    const { arn } = await singleUser(engine);
    await h
      .driver()
      .rotate(arn, { repeat: { createSecret: 1, setSecret: 1, testSecret: 1, finishSecret: 1 } });
    await expectCurrentLogsIn(arn);
  });

  it('survives concurrent duplicate invocations of every step', async () => {
    const { arn } = await singleUser(engine);
    await h
      .driver()
      .rotate(arn, { concurrent: { createSecret: 2, setSecret: 2, testSecret: 2, finishSecret: 2 } });
    await expectCurrentLogsIn(arn);
  });

  it.each(['createSecret', 'setSecret', 'testSecret'] as const)(
    'completes when rerun after a crash following %s',
    async (crashAfter) => {
      const { arn } = await singleUser(engine);
      const driver = h.driver();
      const crashed = await driver.rotate(arn, { crashAfter });
      expect(crashed.completed).toBe(false);
      // Single user: after setSecret only AWSPENDING logs in until finishSecret (clients fall back to it).
      const workingStage = crashAfter === 'createSecret' ? 'AWSCURRENT' : 'AWSPENDING';
      expect(await h.stageLogsIn(arn, workingStage)).toBe(true);
      const rerun = await driver.rotate(arn, { onIncomplete: 'reattempt' });
      expect(rerun).toMatchObject({ token: crashed.token, reattempted: true, completed: true });
      await expectCurrentLogsIn(arn);
    },
  );

  it('refuses a concurrent second rotation and completes the first', async () => {
    const { arn } = await singleUser(engine);
    const driver = h.driver();
    const results = await Promise.allSettled([driver.rotate(arn), driver.rotate(arn)]);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toBeInstanceOf(RotationInProgressError);
    await expectCurrentLogsIn(arn);
  });

  it('recovers from drift: AWSCURRENT holds a wrong password, the database is still on AWSPREVIOUS', async () => {
    const { username, arn } = await singleUser(engine);
    const server = h.server(engine);
    await h.putCurrent(arn, {
      engine,
      host: server.host,
      port: server.port,
      username,
      password: 'Drifted-Wrong-Passw0rd',
    });
    expect(await h.stageLogsIn(arn, 'AWSCURRENT')).toBe(false);
    expect(await h.stageLogsIn(arn, 'AWSPREVIOUS')).toBe(true);
    await h.driver().rotate(arn);
    await expectCurrentLogsIn(arn);
  });

  it('sets the first password through masterarn when the secret holds none (bootstrap)', async () => {
    const username = h.name('boot');
    await h.admin(engine).createUser(username, undefined);
    const masterarn = await h.masterSecret(engine);
    const arn = await h.userSecret(engine, { username, masterarn });
    await h.driver().rotate(arn);
    await expectCurrentLogsIn(arn);
  });

  it('rotates a hostile username whose password holds every punctuation character', async () => {
    const username =
      engine === 'postgres'
        ? `Ro"bert'); DROP TABLE x;-- ü${h.name('')}`
        : `o'h"a\`r%a_\\ ${h.name('').slice(0, 8)}`;
    const password = `p'a"s\\s\`w%o_r;d -- ${h.name('')}`;
    await h.admin(engine).createUser(username, password);
    const arn = await h.userSecret(engine, { username, password });
    const driver = h.driver({ excludeCharacters: '' });
    await driver.rotate(arn);
    await driver.rotate(arn);
    await expectCurrentLogsIn(arn);
  });

  it('fails fast on a refused connection and leaves AWSCURRENT unchanged', async () => {
    const { arn } = await singleUser(engine);
    const closed = await closedPort();
    await h.putCurrent(arn, { ...(await h.value(arn)), port: closed });
    const before = await h.value(arn);
    const failure = h.driver().rotate(arn);
    await expect(failure).rejects.toBeInstanceOf(RotationDriverError);
    await expect(failure).rejects.toThrow(/setSecret failed: .*host unreachable/);
    expect(await h.value(arn)).toEqual(before);
  });

  it('bounds a database that never answers by DB_CONNECT_TIMEOUT_MS', async () => {
    const { arn } = await singleUser(engine);
    const blackHole = await silentServer();
    try {
      await h.putCurrent(arn, { ...(await h.value(arn)), port: blackHole.port });
      await expect(h.driver({ dbConnectTimeoutMs: 500 }).rotate(arn)).rejects.toThrow(
        /setSecret failed: .*timed out/,
      );
    } finally {
      await blackHole.close();
    }
  });
});

describe.each(ENGINES)('alternating-users rotation on %s', (engine) => {
  it('alternates user and user_clone twice, with the privileges checked after each rotation', async () => {
    const admin = h.admin(engine);
    const { username, arn } = await alternatingUsers(engine, 'alt');
    const table = await admin.grantReadOnTable(username, h.name('t'));
    const driver = h.driver();

    await driver.rotate(arn);
    let current = await h.value(arn);
    expect(current.username).toBe(`${username}_clone`);
    await expectCurrentLogsIn(arn);
    expect(await admin.privilegesOn(String(current.username), String(current.password), table)).toEqual({
      read: true,
      write: false,
    });
    // The other user keeps working until the next rotation: no window without a valid AWSCURRENT.
    expect(await h.stageLogsIn(arn, 'AWSPREVIOUS')).toBe(true);

    await driver.rotate(arn);
    current = await h.value(arn);
    expect(current.username).toBe(username);
    await expectCurrentLogsIn(arn);
    expect(await admin.privilegesOn(username, String(current.password), table)).toEqual({
      read: true,
      write: false,
    });
    const previous = await h.value(arn, 'AWSPREVIOUS');
    expect(previous.username).toBe(`${username}_clone`);
    expect(await admin.privilegesOn(String(previous.username), String(previous.password), table)).toEqual({
      read: true,
      write: false,
    });
  });

  it('keeps AWSCURRENT logging in at every crash point and completes on rerun', async () => {
    const { arn } = await alternatingUsers(engine, 'altc');
    const driver = h.driver();
    for (const crashAfter of ['createSecret', 'setSecret', 'testSecret'] as const) {
      await driver.rotate(arn, { crashAfter });
      await expectCurrentLogsIn(arn);
      await driver.rotate(arn, { onIncomplete: 'reattempt', repeat: { setSecret: 1 } });
      await expectCurrentLogsIn(arn);
    }
  });
});

describe('invalid secrets', () => {
  it('refuses malformed JSON naming the problem, never the text', async () => {
    const arn = await h.createSecret(
      h.name('bad'),
      '{"engine":"postgres","password":"Leaky-Malformed-Passw0rd", oops',
    );
    h.remember('Leaky-Malformed-Passw0rd');
    await expect(h.driver().rotate(arn)).rejects.toThrow(
      /Secret AWSCURRENT field \(secret\) is not valid JSON/,
    );
  });

  it('refuses a binary secret', async () => {
    const arn = await h.createBinarySecret(
      h.name('bin'),
      new TextEncoder().encode('{"password":"Binary-Passw0rd"}'),
    );
    h.remember('Binary-Passw0rd');
    await expect(h.driver().rotate(arn)).rejects.toThrow(
      /field SecretString is missing \(binary secrets are not supported\)/,
    );
  });

  it('refuses an unknown engine and a missing host, naming the field', async () => {
    const unknown = await h.createSecret(
      h.name('eng'),
      JSON.stringify({
        engine: 'oracle',
        host: 'h',
        port: 1,
        username: 'u',
        password: 'Unknown-Engine-Passw0rd',
      }),
    );
    await expect(h.driver().rotate(unknown)).rejects.toThrow(/field engine must be one of/);
    const hostless = await h.createSecret(
      h.name('host'),
      JSON.stringify({ engine: 'postgres', port: 1, username: 'u', password: 'No-Host-Passw0rd' }),
    );
    await expect(h.driver().rotate(hostless)).rejects.toThrow(/field host is required/);
    h.remember('Unknown-Engine-Passw0rd');
    h.remember('No-Host-Passw0rd');
  });

  it('refuses to run when rotation is not enabled on the secret', async () => {
    const { arn } = await singleUser('postgres');
    const token = '11111111-2222-3333-4444-555555555555';
    await expect(
      h.handler()({ Step: 'createSecret', SecretId: arn, ClientRequestToken: token }),
    ).rejects.toThrow(/Rotation is not enabled/);
  });
});

describe('logs of every scenario above', () => {
  it('never contain a password or secret string, and carry the outcome fields', async () => {
    await h.collectStoredValues();
    const text = output.lines.join('\n');
    expect(h.secretValues.size).toBeGreaterThan(40);
    for (const value of h.secretValues) {
      if (text.includes(value))
        throw new Error(`a secret value of ${value.length} characters appears in the logs`);
    }
    const outcomes = output.logs().filter((line) => line.outcome !== undefined);
    expect(outcomes.length).toBeGreaterThan(100);
    expect(outcomes.filter((line) => line.outcome === 'failed').length).toBeGreaterThan(5);
    for (const line of outcomes)
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['step', 'outcome', 'durationMs']));
    expect(output.metrics().length).toBe(outcomes.length);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts TCP connections and never says a word. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
