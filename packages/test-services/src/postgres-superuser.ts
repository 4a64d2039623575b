import { Client } from 'pg';
import type { DatabaseServerInfo } from './types/services';

/**
 * A connected pg client as the test PostgreSQL's superuser, over verified TLS: the tests' own view
 * of the server, independent of the code under test. Connection errors after connect (a server
 * restarted by the test) are ignored; the next query reports them.
 *
 * @example const admin = await connectPostgresSuperuser(server); await admin.query('SELECT 1'); await admin.end();
 */
export async function connectPostgresSuperuser(
  server: DatabaseServerInfo,
  database = 'postgres',
): Promise<Client> {
  const client = new Client({
    host: server.host,
    port: server.port,
    user: server.superuser.username,
    password: server.superuser.password,
    database,
    ssl: { ca: server.caPem, rejectUnauthorized: true },
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
