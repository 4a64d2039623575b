import { startMariaDb, type DatabaseServer } from '@credential-rotation/test-services';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { MySqlAdapter } from '../../src/mysql/mysql-adapter';
import { credentialsFor, hostilePassword, superuserCredentials, unique } from './helpers';

jest.setTimeout(120_000);

const adapter = new MySqlAdapter();

// A server of its own: the general log is global state.
describe('MariaDB general log', () => {
  let server: DatabaseServer;
  let admin: Connection;
  const options = () => ({ ca: server.caPem });
  const master = () => superuserCredentials(server);

  beforeAll(async () => {
    server = await startMariaDb();
    admin = await createConnection({
      host: server.host,
      port: server.port,
      user: server.superuser.username,
      password: server.superuser.password,
      ssl: { ca: server.caPem },
    });
    await admin.query("SET GLOBAL log_output = 'TABLE'");
    await admin.query('SET GLOBAL general_log = ON');
  });

  afterAll(async () => {
    await admin?.end();
    await server?.stop();
  });

  it('never receives a plain password for mysql_native_password accounts', async () => {
    const user = unique('logged_');
    await admin.query('CREATE USER ?@? IDENTIFIED BY ?', [user, '%', 'initial-password']);
    await admin.query('CREATE USER ?@? IDENTIFIED BY ?', [user, '127.0.0.1', 'initial-password']);
    const [viaAdmin, viaClone, viaSelf] = [hostilePassword(), hostilePassword(), hostilePassword()];

    const session = await adapter.connect(master(), options());
    await session.setUserPassword(user, viaAdmin);
    await session.ensureCloneUser(user, `${user}_clone`, viaClone);
    await session.close();
    const own = await adapter.connect(credentialsFor(server, user, viaAdmin), options());
    await own.setOwnPassword(viaSelf);
    await own.close();

    expect(await adapter.verifyLogin(credentialsFor(server, user, viaSelf), options())).toBe(true);
    expect(await adapter.verifyLogin(credentialsFor(server, `${user}_clone`, viaClone), options())).toBe(
      true,
    );
    const [rows] = await admin.query<RowDataPacket[]>(
      'SELECT CONVERT(argument USING utf8mb4) AS sql_text FROM mysql.general_log',
    );
    const log = rows.map((row) => String(row.sql_text)).join('\n');
    expect(log).toContain('IDENTIFIED BY PASSWORD');
    for (const password of [viaAdmin, viaClone, viaSelf]) expect(log).not.toContain(password);
  });

  it('keeps the plugin of an ed25519 account when setting its password', async () => {
    await admin.query("INSTALL SONAME 'auth_ed25519'").catch(() => undefined);
    const user = unique('ed_');
    await admin.query(`CREATE USER ?@'%' IDENTIFIED VIA ed25519 USING PASSWORD('initial-password')`, [user]);
    const [[before]] = await admin.query<RowDataPacket[]>('SHOW CREATE USER ?@?', [user, '%']);
    const session = await adapter.connect(master(), options());
    await session.setUserPassword(user, hostilePassword());
    await session.close();
    const [[after]] = await admin.query<RowDataPacket[]>('SHOW CREATE USER ?@?', [user, '%']);
    const line = String(Object.values(after ?? {})[0]);
    expect(line).toMatch(/IDENTIFIED VIA ed25519 USING/);
    expect(line).not.toBe(String(Object.values(before ?? {})[0]));
  });
});
