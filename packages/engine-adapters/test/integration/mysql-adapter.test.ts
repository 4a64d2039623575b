import {
  createTestCertificateAuthority,
  findFreePort,
  startMariaDb,
} from '@credential-rotation/test-services';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import {
  AuthenticationFailedError,
  ConnectionTimeoutError,
  DatabaseStatementError,
  HostUnreachableError,
  TlsVerificationError,
  UnsupportedUsernameError,
  UserNotFoundError,
} from '../../src/errors';
import { MySqlAdapter } from '../../src/mysql/mysql-adapter';
import {
  credentialsFor,
  hostilePassword,
  mariadbSuperuser,
  services,
  startSilentServer,
  timed,
  unique,
} from './helpers';

jest.setTimeout(60_000);

const adapter = new MySqlAdapter();

// MariaDB stores user names as utf8mb3: no characters outside the BMP (emoji) in names.
const HOSTILE_USERNAMES = [
  `we"ird'u`,
  'back\\slash',
  'pct%_under',
  'with space',
  'ünï_用户',
  'semi;co --',
  'back`tick',
  'd$$',
];

describe('MySqlAdapter against a real MariaDB', () => {
  let admin: Connection;
  const db = () => services().mariadb;
  const master = () => credentialsFor(db(), db().superuser.username, db().superuser.password);
  const options = () => ({ ca: db().caPem });

  async function createUser(
    user: string,
    hosts: readonly string[],
    password: string,
    extra = '',
  ): Promise<void> {
    for (const host of hosts) {
      await admin.query(`CREATE USER ?@? IDENTIFIED BY ? ${extra}`, [user, host, password]);
    }
  }

  beforeAll(async () => {
    admin = await mariadbSuperuser(db());
  });

  afterAll(async () => {
    await admin.end();
  });

  describe('connect', () => {
    it('logs in over TLS verified against the given CA (a REQUIRE SSL user gets in)', async () => {
      const user = unique('tls_');
      const password = hostilePassword();
      await createUser(user, ['%'], password, 'REQUIRE SSL');
      expect(await adapter.verifyLogin(credentialsFor(db(), user, password), options())).toBe(true);
      expect(
        await adapter.verifyLogin(
          credentialsFor(db(), user, password, { engine: 'aurora-mysql' }),
          options(),
        ),
      ).toBe(true);
    });

    it('refuses a server whose certificate the default RDS CA bundle does not sign', async () => {
      await expect(adapter.connect(master())).rejects.toMatchObject({
        name: 'TlsVerificationError',
        reason: 'tls-verification',
      });
    });

    it('refuses a server signed by a different CA, without falling back to plaintext', async () => {
      const other = await createTestCertificateAuthority('untrusted CA');
      await expect(adapter.verifyLogin(master(), { ca: other.caPem })).rejects.toThrow(TlsVerificationError);
    });

    it('throws AuthenticationFailedError for a wrong password, and verifyLogin returns false', async () => {
      const wrong = { ...master(), password: 'definitely-wrong' };
      await expect(adapter.connect(wrong, options())).rejects.toThrow(AuthenticationFailedError);
      expect(await adapter.verifyLogin(wrong, options())).toBe(false);
      expect(await adapter.verifyLogin({ ...wrong, username: unique('nobody_') }, options())).toBe(false);
    });

    it('names an unreachable port within the connect timeout; verifyLogin throws', async () => {
      const port = await findFreePort();
      const result = await timed(adapter.connect({ ...master(), port }, { connectTimeoutMs: 2_000 }));
      expect(result.error).toBeInstanceOf(HostUnreachableError);
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
        expect(result.ms).toBeLessThan(2_500);
      } finally {
        await silent.close();
      }
    });

    it('refuses a user name over 32 characters before connecting', async () => {
      const port = await findFreePort();
      await expect(adapter.connect({ ...master(), port, username: 'u'.repeat(33) })).rejects.toThrow(
        UnsupportedUsernameError,
      );
    });
  });

  describe('TLS unavailable on the server', () => {
    it('refuses plaintext unless ssl is false, then connects in plaintext', async () => {
      const plain = await startMariaDb({ tls: false });
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
    it.each(HOSTILE_USERNAMES)('sets a hostile password for %j on every host it exists on', async (base) => {
      const user = `${base}${unique('')}`;
      const hosts = ['%', '127.0.0.1', 'localhost'];
      const initial = hostilePassword();
      const next = hostilePassword();
      await createUser(user, hosts, initial);
      const session = await adapter.connect(master(), options());
      try {
        await session.setUserPassword(user, next);
      } finally {
        await session.close();
      }
      const [rows] = await admin.query<RowDataPacket[]>(
        'SELECT DISTINCT authentication_string AS hash, PASSWORD(?) AS expected FROM mysql.user WHERE User = ?',
        [next, user],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]?.hash).toBe(rows[0]?.expected);
      expect(await adapter.verifyLogin(credentialsFor(db(), user, next), options())).toBe(true);
      expect(await adapter.verifyLogin(credentialsFor(db(), user, initial), options())).toBe(false);
    });

    it('lets a user change its own password', async () => {
      const user = unique('self_');
      const initial = hostilePassword();
      const next = hostilePassword();
      await createUser(user, ['%'], initial);
      const session = await adapter.connect(credentialsFor(db(), user, initial), options());
      await session.setOwnPassword(next);
      await session.close();
      expect(await adapter.verifyLogin(credentialsFor(db(), user, next), options())).toBe(true);
      expect(await adapter.verifyLogin(credentialsFor(db(), user, initial), options())).toBe(false);
    });

    it('still quotes correctly when the server runs with NO_BACKSLASH_ESCAPES', async () => {
      const user = `nbe\\'${unique('')}`;
      const next = `back\\slash'quote\\${unique('')}`;
      await createUser(user, ['%'], 'initial-password');
      const [[before]] = await admin.query<RowDataPacket[]>('SELECT @@GLOBAL.sql_mode AS mode');
      await admin.query(`SET GLOBAL sql_mode = CONCAT(@@GLOBAL.sql_mode, ',NO_BACKSLASH_ESCAPES')`);
      try {
        const session = await adapter.connect(master(), options());
        await session.setUserPassword(user, next);
        await session.close();
      } finally {
        await admin.query('SET GLOBAL sql_mode = ?', [String(before?.mode ?? '')]);
      }
      expect(await adapter.verifyLogin(credentialsFor(db(), user, next), options())).toBe(true);
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
      const user = unique('locked_');
      await createUser(user, ['%'], 'initial-password');
      const session = await adapter.connect(master(), { ...options(), statementTimeoutMs: 300 });
      const locker = await mariadbSuperuser(db());
      await locker.query('FLUSH TABLES WITH READ LOCK');
      try {
        const result = await timed(session.setUserPassword(user, 'next-password'));
        expect(result.error).toBeInstanceOf(DatabaseStatementError);
        expect((result.error as DatabaseStatementError).reason).toBe('timeout');
        expect(result.ms).toBeLessThan(3_000);
      } finally {
        await locker.query('UNLOCK TABLES');
        await locker.end();
        await session.close();
      }
    });
  });
});
