import { createConnection, escape, escapeId, type Connection, type RowDataPacket } from 'mysql2/promise';
import { planConnection } from '../connection-plan';
import { APPLICATION_NAME, CONNECTION_FAILURE_REASONS, MAX_USERNAME_LENGTH } from '../constants';
import { withDeadline } from '../deadline';
import { toConnectionError, toStatementError } from '../driver-errors';
import { ConnectionTimeoutError } from '../errors';
import type { ConnectOptions, DatabaseCredentials, DatabaseSession, EngineAdapter } from '../types/adapter';
import { assertUsableIdentifier } from '../validation';
import { verifyLoginWith } from '../verify-login';
import { MySqlSession } from './mysql-session';

const DEADLINE_GRACE_MS = 1_000;

/**
 * MySQL, Aurora MySQL and MariaDB through `mysql2`.
 *
 * @example
 * const session = await new MySqlAdapter().connect(masterCredentials);
 * await session.ensureCloneUser('app', 'app_clone', newPassword);
 * await session.close();
 */
export class MySqlAdapter implements EngineAdapter {
  readonly family = 'mysql' as const;
  readonly maxUsernameLength = MAX_USERNAME_LENGTH.mysql;

  quoteIdentifier(identifier: string): string {
    assertUsableIdentifier(identifier);
    // forbidQualified: a dot is part of the name, not a schema separator.
    return escapeId(identifier, true);
  }

  async connect(credentials: DatabaseCredentials, options?: ConnectOptions): Promise<DatabaseSession> {
    const { options: resolved, target, tls } = planConnection('mysql', credentials, options);
    let connection: Connection;
    try {
      connection = await withDeadline(
        createConnection({
          host: credentials.host,
          port: credentials.port,
          user: credentials.username,
          password: credentials.password,
          database: credentials.dbname,
          ssl: tls?.mysql,
          connectTimeout: resolved.connectTimeoutMs,
          charset: 'UTF8MB4_UNICODE_CI',
          multipleStatements: false,
          enableKeepAlive: true,
          connectAttributes: { program_name: APPLICATION_NAME },
        }),
        resolved.connectTimeoutMs + DEADLINE_GRACE_MS,
        () => new ConnectionTimeoutError(CONNECTION_FAILURE_REASONS.timeout, target),
        (late) => late.destroy(),
      );
    } catch (error) {
      throw toConnectionError('mysql', target, error);
    }
    // A dropped idle connection emits 'error'; the next query reports it instead.
    connection.on('error', () => undefined);
    try {
      const mariadb = await prepareSession(connection, resolved.statementTimeoutMs);
      return new MySqlSession(connection, { statementTimeoutMs: resolved.statementTimeoutMs, mariadb });
    } catch (error) {
      connection.destroy();
      throw error;
    }
  }

  async verifyLogin(credentials: DatabaseCredentials, options?: ConnectOptions): Promise<boolean> {
    return verifyLoginWith(this, credentials, options);
  }
}

/** Session settings every statement relies on; returns true on MariaDB. */
async function prepareSession(connection: Connection, statementTimeoutMs: number): Promise<boolean> {
  const run = async (operation: string, sql: string): Promise<RowDataPacket[]> => {
    try {
      const [rows] = await connection.query<RowDataPacket[]>({ sql, timeout: statementTimeoutMs });
      return rows;
    } catch (error) {
      throw toStatementError('mysql', operation, error);
    }
  };
  const [version] = await run(
    'read server version',
    'SELECT VERSION() AS version, @@SESSION.sql_mode AS sql_mode',
  );
  const mariadb = /mariadb/i.test(String(version?.version ?? ''));
  const seconds = Math.max(1, Math.ceil(statementTimeoutMs / 1000));
  const settings = [
    `SESSION lock_wait_timeout = ${seconds}`,
    // MariaDB bounds every statement; MySQL's max_execution_time bounds SELECTs only.
    mariadb
      ? `SESSION max_statement_time = ${statementTimeoutMs / 1000}`
      : `SESSION max_execution_time = ${statementTimeoutMs}`,
  ];
  const modes = String(version?.sql_mode ?? '').split(',');
  if (modes.includes('NO_BACKSLASH_ESCAPES')) {
    // The driver's escape() uses backslashes: make sure the server reads them that way.
    const kept = modes.filter((mode) => mode !== 'NO_BACKSLASH_ESCAPES' && mode.length > 0).join(',');
    settings.push(`SESSION sql_mode = ${escape(kept)}`);
  }
  await run('prepare session', `SET ${settings.join(', ')}`);
  return mariadb;
}
