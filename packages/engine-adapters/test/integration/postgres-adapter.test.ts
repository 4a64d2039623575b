import {
  createTestCertificateAuthority,
  findFreePort,
  startPostgres,
} from '@credential-rotation/test-services';
import type { Client } from 'pg';
import {
  AuthenticationFailedError,
  ConnectionTimeoutError,
  DatabaseStatementError,
  HostUnreachableError,
  TlsVerificationError,
  UnsupportedUsernameError,
  UserNotFoundError,
} from '../../src/errors';
import { PostgresAdapter } from '../../src/postgres/postgres-adapter';
import { scramSha256Verifier } from '../../src/postgres/scram-verifier';
import {
  credentialsFor,
  hostilePassword,
  postgresSuperuser,
  services,
  startSilentServer,
  timed,
  unique,
} from './helpers';

jest.setTimeout(60_000);

const adapter = new PostgresAdapter();

const HOSTILE_USERNAMES = [
  `we"ird'user`,
  'back\\slash',
  'pct%_under',
  'with space',
  'ünïcødé_用户',
  'dollar$$quote',
  'semi;colon --',
  'UpperCase',
];

describe('PostgresAdapter against a real PostgreSQL', () => {
  let admin: Client;
  const pg = () => services().postgres;
  const master = () => credentialsFor(pg(), pg().superuser.username, pg().superuser.password);
  const options = () => ({ ca: pg().caPem });

  async function createLoginRole(name: string, password: string): Promise<void> {
    await admin.query(
      `CREATE ROLE ${admin.escapeIdentifier(name)} LOGIN PASSWORD ${admin.escapeLiteral(await scramSha256Verifier(password))}`,
    );
  }

  beforeAll(async () => {
    admin = await postgresSuperuser(pg());
  });

  afterAll(async () => {
    await admin.end();
  });

  describe('connect', () => {
    it('logs in over TLS verified against the given CA', async () => {
      const session = await adapter.connect(master(), options());
      await session.ping();
      await session.close();
      expect(await adapter.verifyLogin(master(), options())).toBe(true);
    });

    it('refuses a server whose certificate the default RDS CA bundle does not sign', async () => {
      const result = await timed(adapter.connect(master()));
      expect(result.error).toBeInstanceOf(TlsVerificationError);
      expect((result.error as TlsVerificationError).reason).toBe('tls-verification');
    });

    it('refuses a server signed by a different CA, without falling back to plaintext', async () => {
      const other = await createTestCertificateAuthority('untrusted CA');
      await expect(adapter.connect(master(), { ca: other.caPem })).rejects.toMatchObject({
        name: 'TlsVerificationError',
        reason: 'tls-verification',
      });
      await expect(adapter.verifyLogin(master(), { ca: other.caPem })).rejects.toThrow(TlsVerificationError);
    });

    it('throws AuthenticationFailedError for a wrong password, and verifyLogin returns false', async () => {
      const wrong = { ...master(), password: 'definitely-wrong' };
      await expect(adapter.connect(wrong, options())).rejects.toThrow(AuthenticationFailedError);
      expect(await adapter.verifyLogin(wrong, options())).toBe(false);
      expect(await adapter.verifyLogin({ ...wrong, username: unique('nobody_') }, options())).toBe(false);
    });

    it('names an unreachable port within the connect timeout; verifyLogin throws rather than returning false', async () => {
      const port = await findFreePort();
      const result = await timed(adapter.connect({ ...master(), port }, { connectTimeoutMs: 2_000 }));
      expect(result.error).toBeInstanceOf(HostUnreachableError);
      expect((result.error as Error).message).toMatch(/127\.0\.0\.1:\d+ .*host unreachable/);
      expect(result.ms).toBeLessThan(3_000);
      await expect(adapter.verifyLogin({ ...master(), port })).rejects.toThrow(HostUnreachableError);
    });

    it('gives up on a server that accepts TCP but never answers, within the connect timeout', async () => {
      const silent = await startSilentServer();
      try {
        const result = await timed(
          adapter.connect({ ...master(), port: silent.port }, { connectTimeoutMs: 500 }),
        );
        expect(result.error).toBeInstanceOf(ConnectionTimeoutError);
        expect((result.error as Error).message).toMatch(/timed out/);
        expect(result.ms).toBeLessThan(2_500);
      } finally {
        await silent.close();
      }
    });

    it('refuses a too-long user name before connecting', async () => {
      const port = await findFreePort(); // nothing listens: a connection attempt would say "unreachable"
      await expect(adapter.connect({ ...master(), port, username: 'x'.repeat(64) })).rejects.toThrow(
        UnsupportedUsernameError,
      );
    });
  });

  describe('TLS unavailable on the server', () => {
    it('refuses plaintext unless ssl is false, then connects in plaintext', async () => {
      const plain = await startPostgres({ tls: false });
      try {
        const credentials = credentialsFor(plain, plain.superuser.username, plain.superuser.password);
        await expect(adapter.connect(credentials)).rejects.toMatchObject({
          name: 'TlsVerificationError',
          reason: 'tls-unavailable',
        });
        expect(await adapter.verifyLogin({ ...credentials, ssl: false })).toBe(true);
      } finally {
        await plain.stop();
      }
    });
  });

  describe('setUserPassword / setOwnPassword', () => {
    it.each(HOSTILE_USERNAMES)(
      'sets a hostile password for the hostile user %j, stored as SCRAM',
      async (base) => {
        const username = `${base}${unique('')}`;
        const initial = hostilePassword();
        const next = hostilePassword();
        await createLoginRole(username, initial);
        const session = await adapter.connect(master(), options());
        try {
          await session.setUserPassword(username, next);
        } finally {
          await session.close();
        }
        const { rows } = await admin.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [
          username,
        ]);
        expect(rows[0].rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
        expect(await adapter.verifyLogin(credentialsFor(pg(), username, next), options())).toBe(true);
        expect(await adapter.verifyLogin(credentialsFor(pg(), username, initial), options())).toBe(false);
      },
    );

    it('lets a user change its own password', async () => {
      const username = unique('self_');
      const initial = hostilePassword();
      const next = hostilePassword();
      await createLoginRole(username, initial);
      const session = await adapter.connect(credentialsFor(pg(), username, initial), options());
      await session.setOwnPassword(next);
      await session.close();
      expect(await adapter.verifyLogin(credentialsFor(pg(), username, next), options())).toBe(true);
      expect(await adapter.verifyLogin(credentialsFor(pg(), username, initial), options())).toBe(false);
    });

    it('sends a verifier the server accepts, identical to what it derives itself, also for SASLprep-changed passwords', async () => {
      const username = unique('scram_');
      // No characters outside Unicode 3.2 here (e.g. emoji): for those PostgreSQL skips
      // SASLprep while node-postgres still normalizes (see README, "Non-ASCII passwords").
      const password = `ﬁ\u00A0soft\u00ADhyphen p'a"s\\s;--$$ %_\` ünï 用户 ${unique('')}`;
      await admin.query(`CREATE ROLE ${admin.escapeIdentifier(username)} LOGIN`);
      // Let the server hash the plain password, then compute ours with the server's salt.
      await admin.query("SET password_encryption = 'scram-sha-256'");
      await admin.query(
        `ALTER ROLE ${admin.escapeIdentifier(username)} PASSWORD ${admin.escapeLiteral(password)}`,
      );
      const { rows } = await admin.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [username]);
      const serverVerifier = String(rows[0].rolpassword);
      const salt = Buffer.from(serverVerifier.split('$')[1]?.split(':')[1] ?? '', 'base64');
      expect(await scramSha256Verifier(password, { salt })).toBe(serverVerifier);
      expect(await adapter.verifyLogin(credentialsFor(pg(), username, password), options())).toBe(true);
    });

    it('never sends the plain password to the server (the statement text holds only the verifier)', async () => {
      const username = unique('nolog_');
      const password = hostilePassword();
      await createLoginRole(username, hostilePassword());
      const session = await adapter.connect(master(), options());
      await session.setUserPassword(username, password);
      // pg_stat_activity.query holds the last statement each session sent: what a log would show.
      const { rows } = await admin.query(
        "SELECT query FROM pg_stat_activity WHERE application_name = 'credential-rotation' AND query ILIKE 'ALTER ROLE%'",
      );
      await session.close();
      const statements = rows.map((row) => String(row.query));
      expect(statements.some((sql) => sql.includes('SCRAM-SHA-256$4096:'))).toBe(true);
      expect(statements.join('\n')).not.toContain(password);
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
      await createLoginRole(username, 'initial-password');
      await admin.query('BEGIN');
      await admin.query(`ALTER ROLE ${admin.escapeIdentifier(username)} CONNECTION LIMIT 5`);
      const session = await adapter.connect(master(), { ...options(), statementTimeoutMs: 300 });
      try {
        const result = await timed(session.setUserPassword(username, 'next-password'));
        expect(result.error).toBeInstanceOf(DatabaseStatementError);
        expect((result.error as DatabaseStatementError).reason).toBe('timeout');
        expect(result.ms).toBeLessThan(3_000);
      } finally {
        await admin.query('ROLLBACK');
        await session.close();
      }
    });
  });
});
