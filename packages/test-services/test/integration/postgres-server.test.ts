import { Client } from 'pg';
import { isPortOpen } from '../../src/free-port';
import { startPostgres } from '../../src/postgres-server';
import { createTestCertificateAuthority } from '../../src/test-ca';
import type { DatabaseServer } from '../../src/types/services';

jest.setTimeout(120_000);

function clientFor(server: DatabaseServer, overrides: { password?: string; ca?: string } = {}): Client {
  return new Client({
    host: server.host,
    port: server.port,
    user: server.superuser.username,
    password: overrides.password ?? server.superuser.password,
    database: 'postgres',
    ssl: { ca: overrides.ca ?? server.caPem, rejectUnauthorized: true },
    connectionTimeoutMillis: 10_000,
  });
}

async function query<T>(server: DatabaseServer, sql: string): Promise<T[]> {
  const client = clientFor(server);
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('startPostgres', () => {
  let server: DatabaseServer;

  beforeAll(async () => {
    server = await startPostgres();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('listens on loopback with TLS verified against caPem', async () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.caPem).toContain('BEGIN CERTIFICATE');
    const rows = await query<{ ssl: boolean; version: string }>(
      server,
      'SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
    );
    expect(rows).toEqual([{ ssl: true, version: expect.stringMatching(/^TLSv1\.[23]$/) }]);
  });

  it('refuses a login with the wrong password (SQLSTATE 28P01)', async () => {
    const client = clientFor(server, { password: 'not-the-password' });
    await expect(client.connect()).rejects.toMatchObject({ code: '28P01' });
  });

  it('refuses TLS when the client trusts a different CA', async () => {
    const otherCa = await createTestCertificateAuthority('some other CA');
    const client = clientFor(server, { ca: otherCa.caPem });
    await expect(client.connect()).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
  });

  it('stores passwords as SCRAM-SHA-256 verifiers', async () => {
    const rows = await query<{ setting: string }>(
      server,
      "SELECT setting FROM pg_settings WHERE name = 'password_encryption'",
    );
    expect(rows[0]?.setting).toBe('scram-sha-256');
  });

  it('keeps data and port across restart()', async () => {
    await query(server, 'CREATE TABLE survives_restart (id int); INSERT INTO survives_restart VALUES (42)');
    const portBefore = server.port;
    await server.restart();
    expect(server.port).toBe(portBefore);
    const rows = await query<{ id: number }>(server, 'SELECT id FROM survives_restart');
    expect(rows).toEqual([{ id: 42 }]);
  });

  it('frees the port on stop()', async () => {
    const port = server.port;
    expect(await isPortOpen(port)).toBe(true);
    await server.stop();
    expect(await isPortOpen(port)).toBe(false);
    await expect(server.restart()).rejects.toThrow(/after stop/);
  });
});

describe('startPostgres({ tls: false })', () => {
  it('serves plaintext only and has no CA', async () => {
    const server = await startPostgres({ tls: false });
    try {
      expect(server.caPem).toBe('');
      const client = new Client({
        host: server.host,
        port: server.port,
        user: server.superuser.username,
        password: server.superuser.password,
        database: 'postgres',
      });
      await client.connect();
      const { rows } = await client.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      await client.end();
      expect(rows).toEqual([{ ssl: false }]);
    } finally {
      await server.stop();
    }
  });
});
