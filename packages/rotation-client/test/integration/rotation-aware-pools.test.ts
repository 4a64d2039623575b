import { AuthenticationRetryExhaustedError, DatabaseConnectError } from '../../src/errors';
import { createLoginUser, dropUsers, setUserPassword } from '../../scripts/load/database-users';
import {
  createPoolUnderTest,
  createSecret,
  putVersion,
  randomPassword,
  secretFor,
  secretsManagerClient,
  serverNamed,
  uniqueName,
} from './support/pool-under-test';
import type { ServerName } from './support/pool-under-test';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each<[string, ServerName]>([
  ['PostgreSQL (pg pool)', 'postgres'],
  ['MariaDB (mysql2 pool)', 'mariadb'],
])('%s with a rotating secret', (_title, name) => {
  const server = () => serverNamed(name);
  const client = secretsManagerClient();
  const users: string[] = [];

  async function newUser(): Promise<{ username: string; password: string }> {
    const username = uniqueName('it');
    const password = randomPassword();
    await createLoginUser(server(), username, password);
    users.push(username);
    return { username, password };
  }

  afterAll(async () => {
    await dropUsers(server(), users);
    client.destroy();
  });

  it('logs new connections in as whichever user AWSCURRENT names (alternating users)', async () => {
    const app = await newUser();
    const clone = await newUser();
    const secretId = await createSecret(client, secretFor(server(), app.username, app.password));
    const pool = createPoolUnderTest(name, { secretId, client });
    try {
      expect(await pool.currentUser()).toBe(app.username);

      // A rotation: AWSCURRENT now names the clone, and the old user's password changes.
      await putVersion(client, secretId, secretFor(server(), clone.username, clone.password), 'AWSCURRENT');
      await setUserPassword(server(), app.username, randomPassword());

      expect(await pool.currentUser()).toBe(clone.username);
      expect(pool.rotation.stats().authRetries).toBeGreaterThan(0);
      expect(pool.rotation.stats().authFailures).toBe(0);
    } finally {
      await pool.end();
    }
  });

  it('uses AWSPENDING while AWSCURRENT no longer logs in (single-user window)', async () => {
    const app = await newUser();
    const secretId = await createSecret(client, secretFor(server(), app.username, app.password));
    const pool = createPoolUnderTest(name, { secretId, client });
    try {
      await pool.currentUser();
      const rotated = randomPassword();
      await putVersion(client, secretId, secretFor(server(), app.username, rotated), 'AWSPENDING');
      await setUserPassword(server(), app.username, rotated);

      expect(await pool.currentUser()).toBe(app.username);
      expect(pool.rotation.stats()).toMatchObject({ authFailures: 0 });
      expect(pool.rotation.stats().authRetries).toBeGreaterThan(0);
    } finally {
      await pool.end();
    }
  });

  it('reads Secrets Manager once per stage when 20 connections fail at once (single-flight)', async () => {
    const app = await newUser();
    const secretId = await createSecret(client, secretFor(server(), app.username, app.password));
    const pool = createPoolUnderTest(name, { secretId, client, maxConnections: 20 });
    try {
      await pool.currentUser();
      const rotated = randomPassword();
      await putVersion(client, secretId, secretFor(server(), app.username, rotated), 'AWSPENDING');
      await setUserPassword(server(), app.username, rotated);
      await sleep(1100); // past minRefreshIntervalMs, so the recovery really re-reads AWSCURRENT
      const before = pool.rotation.stats().secretRefreshes;

      const results = await Promise.allSettled(Array.from({ length: 20 }, () => pool.currentUser()));

      expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
      expect(pool.rotation.stats().authRetries).toBeGreaterThanOrEqual(20);
      // One AWSCURRENT re-read and one AWSPENDING read, for 20 refused connections.
      expect(pool.rotation.stats().secretRefreshes - before).toBe(2);
    } finally {
      await pool.end();
    }
  });

  it('throws AuthenticationRetryExhaustedError after the budget, with no password anywhere', async () => {
    const app = await newUser();
    const wrong = `wrong-${randomPassword()}`;
    const secretId = await createSecret(client, secretFor(server(), app.username, wrong));
    const pool = createPoolUnderTest(name, { secretId, client, retryBudgetMs: 400 });
    try {
      const error = (await pool
        .currentUser()
        .catch((caught: unknown) => caught)) as AuthenticationRetryExhaustedError;

      expect(error).toBeInstanceOf(AuthenticationRetryExhaustedError);
      expect(error.cause).toBeInstanceOf(DatabaseConnectError);
      expect(error.attempts).toBeGreaterThan(1);
      const everything = [
        error.message,
        error.stack,
        (error.cause as Error).message,
        (error.cause as Error).stack,
        String(((error.cause as Error).cause as Error).message),
        String(((error.cause as Error).cause as Error).stack),
        JSON.stringify(error),
      ].join('\n');
      expect(everything).not.toContain(wrong);
      expect(everything).not.toContain(app.password);
      expect(pool.rotation.stats().authFailures).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('refuses a server certificate the CA did not sign, at once, without retrying it as an auth failure', async () => {
    const app = await newUser();
    const secretId = await createSecret(client, secretFor(server(), app.username, app.password));
    // No CA override: the Amazon RDS bundle, which did not sign the test server's certificate.
    const pool = createPoolUnderTest(name, { secretId, client, ca: undefined });
    try {
      const error = await pool.currentUser().catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(DatabaseConnectError);
      expect(String((error as DatabaseConnectError).code)).not.toMatch(/28P01|28000|ACCESS_DENIED/);
      expect(pool.rotation.stats()).toMatchObject({ authRetries: 0, connectRetries: 0 });
    } finally {
      await pool.end();
    }
  });

  it('passes a query error through untouched, with no retry', async () => {
    const app = await newUser();
    const secretId = await createSecret(client, secretFor(server(), app.username, app.password));
    const pool = createPoolUnderTest(name, { secretId, client });
    try {
      await expect(pool.queryOnNewConnection('SELEC 1')).rejects.toMatchObject({
        code: name === 'postgres' ? '42601' : 'ER_PARSE_ERROR',
      });
      expect(pool.rotation.stats()).toMatchObject({ authRetries: 0, connectRetries: 0 });
    } finally {
      await pool.end();
    }
  });
});

describe.each<[string, ServerName, string]>([
  ['PostgreSQL', 'postgres', 'SELECT ssl::text AS tls FROM pg_stat_ssl WHERE pid = pg_backend_pid()'],
  [
    'MariaDB',
    'mariadb',
    "SELECT IF(VARIABLE_VALUE = '', 'false', 'true') AS tls FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'SSL_CIPHER'",
  ],
])('%s transport security', (_title, name, tlsQuery) => {
  const server = () => serverNamed(name);
  const client = secretsManagerClient();
  const users: string[] = [];

  afterAll(async () => {
    await dropUsers(server(), users);
    client.destroy();
  });

  it.each([
    ['uses verified TLS when the secret says nothing', {}, 'true'],
    ['uses verified TLS when the secret says ssl: true', { ssl: true }, 'true'],
    ['connects in plaintext only when the secret says ssl: false', { ssl: false }, 'false'],
  ])('%s', async (_case, extra, expected) => {
    const username = uniqueName('tls');
    const password = randomPassword();
    await createLoginUser(server(), username, password);
    users.push(username);
    const secretId = await createSecret(client, secretFor(server(), username, password, extra));
    const pool = createPoolUnderTest(name, { secretId, client });
    try {
      expect(String((await pool.queryOnNewConnection(tlsQuery)).tls)).toBe(expected);
    } finally {
      await pool.end();
    }
  });
});
