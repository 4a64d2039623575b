import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { createConnection, type Connection } from 'mysql2/promise';
import { connectPostgresSuperuser, readTestServices } from '@credential-rotation/test-services';
import type { DatabaseServerInfo } from '@credential-rotation/test-services';
import type { DatabaseCredentials, Engine } from '../../src/types/adapter';

export const services = readTestServices;

/** A short unique suffix, so test files sharing one server never collide. */
export function unique(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}

/** A password with every character class that breaks naive quoting. */
export function hostilePassword(): string {
  return `p'a"s\\s;--$$ %_\`${randomBytes(6).toString('hex')} ünï 😀 $1`;
}

export function credentialsFor(
  server: DatabaseServerInfo,
  username: string,
  password: string,
  extra: Partial<DatabaseCredentials> = {},
): DatabaseCredentials {
  const engine: Engine = server.engine === 'postgres' ? 'postgres' : 'mariadb';
  return { engine, host: server.host, port: server.port, username, password, ...extra };
}

/** The server's superuser, as credentials for the adapter. */
export function superuserCredentials(server: DatabaseServerInfo): DatabaseCredentials {
  return credentialsFor(server, server.superuser.username, server.superuser.password);
}

/** A raw superuser pg client (the test's own view of the server, independent of the adapter). */
export const postgresSuperuser = connectPostgresSuperuser;

/** A raw admin mysql2 connection. */
export function mariadbSuperuser(server: DatabaseServerInfo): Promise<Connection> {
  return createConnection({
    host: server.host,
    port: server.port,
    user: server.superuser.username,
    password: server.superuser.password,
    ssl: { ca: server.caPem, rejectUnauthorized: true },
    multipleStatements: false,
  });
}

/** A TCP server that accepts connections and never answers: a database that hangs. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

/**
 * What a promise settled with. The timeout tests assert the error (a timeout, not a hang: a hang
 * would run into the jest timeout); elapsed time is the benchmarks' business.
 */
export async function settled<T>(promise: Promise<T>): Promise<{ error?: unknown; value?: T }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}
