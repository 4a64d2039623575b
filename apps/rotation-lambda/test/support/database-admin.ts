import { randomBytes } from 'node:crypto';
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

/** An open connection of either driver, reduced to what the admin needs. */
interface SqlConnection {
  /** The result rows; rejects on any error. */
  query(sql: string, values?: unknown[]): Promise<unknown[]>;
  /** The identifier, quoted by the driver. */
  id(name: string): string;
  /** The string literal, quoted by the driver (DDL takes no bind parameters on PostgreSQL). */
  literal(value: string): string;
  end(): Promise<void>;
}

/** What differs between the engines: the driver and the SQL. */
interface Dialect {
  readonly engine: DatabaseAdmin['engine'];
  connect(server: DatabaseServerInfo, user: string, password: string): Promise<SqlConnection>;
  createUser(c: SqlConnection, username: string, password: string): Promise<void>;
  /** Creates the table (`x int`, one row) that `username` may read. */
  createReadableTable(c: SqlConnection, username: string, table: string): Promise<void>;
  /** The table's name in SQL. */
  tableName(c: SqlConnection, table: string): string;
  /** Selects a row when the user (the first value) exists. */
  readonly userExistsSql: string;
}

const CONNECT_TIMEOUT_MS = 5000;
const AUTH_FAILURES = new Set(['28P01', 'ER_ACCESS_DENIED_ERROR']);

const POSTGRES: Dialect = {
  engine: 'postgres',
  async connect(server, user, password) {
    const client = new Client({
      host: server.host,
      port: server.port,
      user,
      password,
      database: 'postgres',
      ssl: { ca: server.caPem, rejectUnauthorized: true },
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    client.on('error', () => undefined);
    await client.connect();
    return {
      query: async (sql, values) => (await client.query(sql, values)).rows,
      id: (name) => client.escapeIdentifier(name),
      literal: (value) => client.escapeLiteral(value),
      end: () => client.end(),
    };
  },
  async createUser(c, username, password) {
    await c.query(`CREATE ROLE ${c.id(username)} LOGIN PASSWORD ${c.literal(password)}`);
  },
  async createReadableTable(c, username, table) {
    await c.query(`CREATE TABLE ${c.id(table)} (x int)`);
    await c.query(`INSERT INTO ${c.id(table)} VALUES (1)`);
    await c.query(`GRANT SELECT ON ${c.id(table)} TO ${c.id(username)}`);
  },
  tableName: (c, table) => c.id(table),
  userExistsSql: 'SELECT 1 FROM pg_roles WHERE rolname = $1',
};

/** MariaDB: one database per table, `db_<table>`, holding `t`. */
const MARIADB: Dialect = {
  engine: 'mariadb',
  async connect(server, user, password) {
    const connection = await createConnection({
      host: server.host,
      port: server.port,
      user,
      password,
      ssl: { ca: server.caPem, rejectUnauthorized: true },
      connectTimeout: CONNECT_TIMEOUT_MS,
    });
    return {
      query: async (sql, values) => (await connection.query(sql, values))[0] as unknown[],
      id: (name) => connection.escapeId(name),
      literal: (value) => connection.escape(value),
      end: () => connection.end(),
    };
  },
  async createUser(c, username, password) {
    await c.query('CREATE USER ?@? IDENTIFIED BY ?', [username, '%', password]);
  },
  async createReadableTable(c, username, table) {
    const database = c.id(databaseOf(table));
    await c.query(`CREATE DATABASE ${database}`);
    await c.query(`CREATE TABLE ${database}.t (x int)`);
    await c.query(`INSERT INTO ${database}.t VALUES (1)`);
    await c.query(`GRANT SELECT ON ${database}.* TO ?@?`, [username, '%']);
  },
  tableName: (c, table) => `${c.id(databaseOf(table))}.t`,
  userExistsSql: 'SELECT 1 FROM mysql.user WHERE User = ?',
};

function databaseOf(table: string): string {
  return `db_${table}`.slice(0, 64);
}

export function databaseAdmin(server: DatabaseServerInfo): DatabaseAdmin {
  const dialect = server.engine === 'postgres' ? POSTGRES : MARIADB;
  const connect = (user: string, password: string) => dialect.connect(server, user, password);
  const asSuperuser = async <T>(work: (c: SqlConnection) => Promise<T>): Promise<T> => {
    const connection = await connect(server.superuser.username, server.superuser.password);
    try {
      return await work(connection);
    } finally {
      await connection.end();
    }
  };
  return {
    engine: dialect.engine,
    createUser: (username, password) =>
      asSuperuser((c) =>
        dialect.createUser(c, username, password ?? `unknown-${randomBytes(12).toString('hex')}`),
      ),
    grantReadOnTable: async (username, table) => {
      await asSuperuser((c) => dialect.createReadableTable(c, username, table));
      return table;
    },
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
      const name = dialect.tableName(connection, table);
      const attempt = async (sql: string): Promise<boolean> =>
        connection.query(sql).then(
          () => true,
          () => false,
        );
      try {
        return {
          read: await attempt(`SELECT x FROM ${name}`),
          write: await attempt(`INSERT INTO ${name} VALUES (2)`),
        };
      } finally {
        await connection.end();
      }
    },
    userExists: (username) =>
      asSuperuser(async (c) => (await c.query(dialect.userExistsSql, [username])).length > 0),
  };
}
