/**
 * The edge cases of issue 14 against the real services: two overlapping setSecret invocations
 * forced to collide on PostgreSQL's role row, AWSPENDING removed by hand after setSecret, and
 * the Secrets Manager calls per step against moto through a counting wrapper.
 */
import { UpdateSecretVersionStageCommand } from '@aws-sdk/client-secrets-manager';
import { adapterFor, maxUsernameLength } from '@credential-rotation/engine-adapters';
import { createConnection } from 'mysql2/promise';
import { createRotationHandler, loadConfig, RotationDriver } from '../../src';
import { OutputCapture } from '../support/capture-output';
import { CountingClient } from '../support/counting-client';
import { IntegrationHarness } from '../support/integration-harness';
import type { EngineName } from '../support/integration-harness';
import { PostgresRoleLock } from '../support/postgres-role-lock';

const h = new IntegrationHarness();
const output = new OutputCapture();
beforeAll(() => output.start());
afterAll(() => output.stop());

async function singleUser(engine: EngineName) {
  const username = h.name('edge');
  const password = `Initial-Passw0rd-${username}`;
  await h.admin(engine).createUser(username, password);
  const arn = await h.userSecret(engine, { username, password });
  return { username, arn };
}

function outcomes(step: string, token: string): unknown[] {
  return output
    .logs()
    .filter((line) => line.step === step && line.token === token && line.outcome !== undefined)
    .map((line) => line.action ?? line.outcome);
}

describe('two overlapping setSecret invocations on PostgreSQL', () => {
  it('both succeed when their ALTER ROLE statements collide ("tuple concurrently updated")', async () => {
    const { username, arn } = await singleUser('postgres');
    const driver = h.driver();
    const { token } = await driver.rotate(arn, { crashAfter: 'createSecret' });
    const handler = h.handler();
    const setSecret = { Step: 'setSecret', SecretId: arn, ClientRequestToken: token };

    const lock = await PostgresRoleLock.hold(h.server('postgres'), username);
    let results: PromiseSettledResult<void>[];
    try {
      const invocations = Promise.allSettled([handler(setSecret), handler(setSecret)]);
      // Both logged in with AWSCURRENT and queue behind the held row.
      await lock.untilWaiting(2);
      await lock.release();
      results = await invocations;
    } catch (error) {
      await lock.release().catch(() => undefined);
      throw error;
    }
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(outcomes('setSecret', token).sort()).toEqual(['already-set-concurrently', 'set-by-current']);
    expect(await h.stageLogsIn(arn, 'AWSPENDING')).toBe(true);

    await driver.rotate(arn, { onIncomplete: 'reattempt' });
    expect(await h.stageLogsIn(arn, 'AWSCURRENT')).toBe(true);
  });
});

describe.each(['postgres', 'mariadb'] as const)('AWSPENDING removed by hand on %s', (engine) => {
  it('the next rotation logs in with the unlabelled pending version and completes', async () => {
    const { arn } = await singleUser(engine);
    const driver = h.driver();
    const crashed = await driver.rotate(arn, { crashAfter: 'setSecret' });
    // What the old troubleshooting table said to do, and must not be done.
    await h.client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: arn,
        VersionStage: 'AWSPENDING',
        RemoveFromVersionId: crashed.token,
      }),
    );
    expect((await h.stages(arn))[crashed.token]).toEqual([]);
    expect(await h.stageLogsIn(arn, 'AWSCURRENT')).toBe(false);

    const { token } = await driver.rotate(arn);
    expect(outcomes('setSecret', token)).toEqual(['set-by-orphaned-pending']);
    expect(await h.stageLogsIn(arn, 'AWSCURRENT')).toBe(true);
  });
});

describe('usernames longer than MySQL allows on MariaDB', () => {
  // MariaDB 10.0-10.5 hold 80 characters, 10.6+ 128 (this server: 10.11). 80 is the limit
  // every MariaDB version RDS runs accepts; this checks it never exceeds the server's own.
  it("never exceeds the server's own limit (the width of mysql.user.User)", async () => {
    const server = h.server('mariadb');
    const connection = await createConnection({
      host: server.host,
      port: server.port,
      user: server.superuser.username,
      password: server.superuser.password,
      ssl: { ca: server.caPem },
    });
    try {
      const [rows] = await connection.query(
        "SELECT CHARACTER_MAXIMUM_LENGTH AS n FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'mysql' AND TABLE_NAME = 'user' AND COLUMN_NAME = 'User'",
      );
      expect(Number((rows as Array<{ n: unknown }>)[0]?.n)).toBeGreaterThanOrEqual(
        maxUsernameLength('mariadb'),
      );
    } finally {
      await connection.end();
    }
  });

  it('rotates a 70-character single user and a 74-character alternating pair (80 with _clone)', async () => {
    const single = h.name('s').padEnd(70, 's');
    const password = `Initial-Passw0rd-${single.slice(0, 8)}`;
    await h.admin('mariadb').createUser(single, password);
    const singleArn = await h.userSecret('mariadb', { username: single, password });
    await h.driver().rotate(singleArn);
    expect(await h.stageLogsIn(singleArn, 'AWSCURRENT')).toBe(true);

    const base = h.name('a').padEnd(74, 'a');
    await h.admin('mariadb').createUser(base, password);
    const alternatingArn = await h.userSecret('mariadb', {
      username: base,
      password,
      masterarn: await h.masterSecret('mariadb'),
      rotationStrategy: 'alternating-users',
    });
    await h.driver().rotate(alternatingArn);
    expect((await h.value(alternatingArn)).username).toBe(`${base}_clone`);
    expect(await h.stageLogsIn(alternatingArn, 'AWSCURRENT')).toBe(true);
  });

  it('refuses a 75-character alternating base, naming AWSCURRENT and the length to shorten to', async () => {
    const base = h.name('b').padEnd(75, 'b');
    const arn = await h.userSecret('mariadb', {
      username: base,
      password: 'Unused-Passw0rd-75',
      masterarn: await h.masterSecret('mariadb'),
      rotationStrategy: 'alternating-users',
    });
    await expect(h.driver().rotate(arn)).rejects.toThrow(
      /createSecret failed: .*Secret AWSCURRENT field username gives the alternating-users pair .* mariadb allows at most 80: shorten the base username to at most 74 characters/,
    );
  });
});

describe('Secrets Manager calls per step against moto', () => {
  it.each(['postgres', 'mariadb'] as const)(
    'a warm single-user rotation on %s makes 12 calls: 4, 3, 2, 3',
    async (engine) => {
      const { arn } = await singleUser(engine);
      const counter = new CountingClient(h.client);
      const handler = counter.wrap(
        createRotationHandler({
          adapterFor,
          config: loadConfig({ SECRETS_MANAGER_ENDPOINT: h.services.moto.endpoint }),
          secretsManager: counter.client,
          connectOptions: { ca: [h.services.postgres.caPem, h.services.mariadb.caPem] },
        }),
      );
      const driver = new RotationDriver({ client: h.client, handler });
      await driver.rotate(arn);
      counter.reset();
      await driver.rotate(arn);
      const current = 'GetSecretValue(AWSCURRENT)';
      const pending = 'GetSecretValue(AWSPENDING)';
      expect(counter.byStep()).toEqual({
        createSecret: ['DescribeSecret', current, pending, 'PutSecretValue'],
        setSecret: ['DescribeSecret', current, pending],
        testSecret: ['DescribeSecret', pending],
        finishSecret: ['DescribeSecret', pending, 'UpdateSecretVersionStage'],
      });
      expect(await h.stageLogsIn(arn, 'AWSCURRENT')).toBe(true);
    },
  );
});

describe('logs of the edge cases above', () => {
  it('never contain a password or secret string', async () => {
    await h.collectStoredValues();
    const text = output.lines.join('\n');
    expect(h.secretValues.size).toBeGreaterThan(10);
    for (const value of h.secretValues) {
      if (text.includes(value))
        throw new Error(`a secret value of ${value.length} characters appears in the logs`);
    }
  });
});
