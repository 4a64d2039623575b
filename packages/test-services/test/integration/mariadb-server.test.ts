import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { isPortOpen } from '../../src/free-port';
import { startMariaDb } from '../../src/mariadb-server';
import { createTestCertificateAuthority } from '../../src/test-ca';
import type { DatabaseServer } from '../../src/types/services';

jest.setTimeout(120_000);

function connect(
  server: DatabaseServer,
  overrides: { password?: string; ca?: string } = {},
): Promise<Connection> {
  return createConnection({
    host: server.host,
    port: server.port,
    user: server.superuser.username,
    password: overrides.password ?? server.superuser.password,
    ssl: { ca: overrides.ca ?? server.caPem, rejectUnauthorized: true },
    connectTimeout: 10_000,
  });
}

async function query(server: DatabaseServer, sql: string): Promise<RowDataPacket[]> {
  const connection = await connect(server);
  try {
    const [rows] = await connection.query<RowDataPacket[]>(sql);
    return rows;
  } finally {
    await connection.end();
  }
}

describe('startMariaDb', () => {
  let server: DatabaseServer;

  beforeAll(async () => {
    server = await startMariaDb();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('listens on loopback with TLS verified against caPem', async () => {
    expect(server.host).toBe('127.0.0.1');
    const rows = await query(server, "SHOW SESSION STATUS LIKE 'Ssl_version'");
    expect(rows[0]?.Value).toMatch(/^TLSv1\.[23]$/);
  });

  it('gives the superuser every privilege with grant option', async () => {
    const rows = await query(server, 'SHOW GRANTS FOR CURRENT_USER()');
    expect(Object.values(rows[0] ?? {})[0]).toMatch(
      /GRANT ALL PRIVILEGES ON \*\.\* TO `admin`@`%`.*WITH GRANT OPTION/,
    );
  });

  it('has no anonymous accounts', async () => {
    const rows = await query(server, "SELECT COUNT(*) AS n FROM mysql.global_priv WHERE User = ''");
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('refuses a login with the wrong password (error 1045)', async () => {
    await expect(connect(server, { password: 'not-the-password' })).rejects.toMatchObject({ errno: 1045 });
  });

  it('refuses TLS when the client trusts a different CA', async () => {
    const otherCa = await createTestCertificateAuthority('some other CA');
    await expect(connect(server, { ca: otherCa.caPem })).rejects.toThrow(
      /self[- ]signed|unable to verify|certificate/i,
    );
  });

  it('keeps data and port across restart()', async () => {
    await query(server, 'CREATE DATABASE restart_check');
    await query(server, 'CREATE TABLE restart_check.t (id int)');
    await query(server, 'INSERT INTO restart_check.t VALUES (42)');
    const portBefore = server.port;
    await server.restart();
    expect(server.port).toBe(portBefore);
    expect(await query(server, 'SELECT id FROM restart_check.t')).toEqual([{ id: 42 }]);
  });

  it('frees the port on stop()', async () => {
    const port = server.port;
    expect(await isPortOpen(port)).toBe(true);
    await server.stop();
    expect(await isPortOpen(port)).toBe(false);
  });
});
