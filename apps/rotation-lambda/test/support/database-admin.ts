import { Client } from 'pg';
import { createConnection } from 'mysql2/promise';
import type { DatabaseServerInfo } from '@credential-rotation/test-services';

/**
 * Direct SQL for integration tests, through the drivers themselves (not the engine adapters),
 * so that what the tests check does not depend on the code under test.
 */
export interface DatabaseAdmin {
  readonly engine: 'postgres' | 'mariadb';
  /** Creates a login user with a password, or with an unknown random one when undefined. */
  createUser(username: string, password: string | undefined): Promise<void>;
  /** Creates a table the user may read (SELECT only) and returns its qualified name. */
  grantReadOnTable(username: string, table: string): Promise<string>;
  /** True when `username` / `password` logs in (false on authentication failure). */
  canLogIn(username: string, password: string): Promise<boolean>;
  /** What the user can do on the table: read it, write it. */
  privilegesOn(username: string, password: string, table: string): Promise<{ read: boolean; write: boolean }>;
  userExists(username: string): Promise<boolean>;
}

const AUTH_FAILURES = new Set(['28P01', 'ER_ACCESS_DENIED_ERROR']);

export function databaseAdmin(server: DatabaseServerInfo): DatabaseAdmin {
  return server.engine === 'postgres' ? postgresAdmin(server) : mariaDbAdmin(server);
}

function postgresAdmin(server: DatabaseServerInfo): DatabaseAdmin {
  const connect = async (user: string, password: string): Promise<Client> => {
    const client = new Client({
      host: server.host,
      port: server.port,
      user,
      password,
      database: 'postgres',
      ssl: { ca: server.caPem, rejectUnauthorized: true },
      connectionTimeoutMillis: 5000,
    });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  const asSuperuser = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = await connect(server.superuser.username, server.superuser.password);
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const id = (client: Client, name: string): string => client.escapeIdentifier(name);
  return {
    engine: 'postgres',
    createUser: (username, password) =>
      asSuperuser(async (c) => {
        const secret = password ?? `unknown-${Math.random()}`;
        await c.query(`CREATE ROLE ${id(c, username)} LOGIN PASSWORD ${c.escapeLiteral(secret)}`);
      }),
    grantReadOnTable: (username, table) =>
      asSuperuser(async (c) => {
        await c.query(`CREATE TABLE ${id(c, table)} (x int)`);
        await c.query(`INSERT INTO ${id(c, table)} VALUES (1)`);
        await c.query(`GRANT SELECT ON ${id(c, table)} TO ${id(c, username)}`);
        return table;
      }),
    canLogIn: async (username, password) => {
      try {
        await (await connect(username, password)).end();
        return true;
      } catch (error) {
        if (AUTH_FAILURES.has((error as { code?: string }).code ?? '')) return false;
        throw error;
      }
    },
    privilegesOn: async (username, password, table) => {
      const client = await connect(username, password);
      const attempt = async (sql: string): Promise<boolean> =>
        client.query(sql).then(
          () => true,
          () => false,
        );
      try {
        return {
          read: await attempt(`SELECT x FROM ${id(client, table)}`),
          write: await attempt(`INSERT INTO ${id(client, table)} VALUES (2)`),
        };
      } finally {
        await client.end();
      }
    },
    userExists: (username) =>
      asSuperuser(
        async (c) => (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [username])).rowCount === 1,
      ),
  };
}

function mariaDbAdmin(server: DatabaseServerInfo): DatabaseAdmin {
  const connect = (user: string, password: string, database?: string) =>
    createConnection({
      host: server.host,
      port: server.port,
      user,
      password,
      ...(database === undefined ? {} : { database }),
      ssl: { ca: server.caPem, rejectUnauthorized: true },
      connectTimeout: 5000,
    });
  const asSuperuser = async <T>(work: (c: Awaited<ReturnType<typeof connect>>) => Promise<T>): Promise<T> => {
    const connection = await connect(server.superuser.username, server.superuser.password);
    try {
      return await work(connection);
    } finally {
      await connection.end();
    }
  };
  const database = (table: string): string => `db_${table}`.slice(0, 64);
  return {
    engine: 'mariadb',
    createUser: (username, password) =>
      asSuperuser(async (c) => {
        await c.query('CREATE USER ?@? IDENTIFIED BY ?', [
          username,
          '%',
          password ?? `unknown-${Math.random()}`,
        ]);
      }),
    grantReadOnTable: (username, table) =>
      asSuperuser(async (c) => {
        const db = database(table);
        await c.query(`CREATE DATABASE ${c.escapeId(db)}`);
        await c.query(`CREATE TABLE ${c.escapeId(db)}.t (x int)`);
        await c.query(`INSERT INTO ${c.escapeId(db)}.t VALUES (1)`);
        await c.query(`GRANT SELECT ON ${c.escapeId(db)}.* TO ?@?`, [username, '%']);
        return table;
      }),
    canLogIn: async (username, password) => {
      try {
        await (await connect(username, password)).end();
        return true;
      } catch (error) {
        if (AUTH_FAILURES.has((error as { code?: string }).code ?? '')) return false;
        throw error;
      }
    },
    privilegesOn: async (username, password, table) => {
      const connection = await connect(username, password);
      const db = connection.escapeId(database(table));
      const attempt = async (sql: string): Promise<boolean> =>
        connection.query(sql).then(
          () => true,
          () => false,
        );
      try {
        return {
          read: await attempt(`SELECT x FROM ${db}.t`),
          write: await attempt(`INSERT INTO ${db}.t VALUES (2)`),
        };
      } finally {
        await connection.end();
      }
    },
    userExists: (username) =>
      asSuperuser(async (c) => {
        const [rows] = await c.query('SELECT 1 FROM mysql.user WHERE User = ?', [username]);
        return (rows as unknown[]).length > 0;
      }),
  };
}
