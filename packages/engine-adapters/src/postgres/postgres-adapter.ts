import { Client, escapeIdentifier } from 'pg';
import { planConnection } from '../connection-plan';
import { APPLICATION_NAME, CONNECTION_FAILURE_REASONS, MAX_USERNAME_LENGTH } from '../constants';
import { withDeadline } from '../deadline';
import { toConnectionError } from '../driver-errors';
import { ConnectionTimeoutError } from '../errors';
import type { ConnectOptions, DatabaseCredentials, DatabaseSession, EngineAdapter } from '../types/adapter';
import { verifyLoginWith } from '../verify-login';
import { assertUsableIdentifier } from '../validation';
import { PostgresSession } from './postgres-session';

/** Grace on top of the driver's own connect timer before our deadline fires. */
const DEADLINE_GRACE_MS = 1_000;

/**
 * PostgreSQL and Aurora PostgreSQL through `pg` (pure JavaScript, no native bindings).
 *
 * @example
 * const session = await new PostgresAdapter().connect(credentials, { ca: testCaPem });
 * await session.setOwnPassword(newPassword);
 * await session.close();
 */
export class PostgresAdapter implements EngineAdapter {
  readonly family = 'postgres' as const;
  readonly maxUsernameLength = MAX_USERNAME_LENGTH.postgres;

  quoteIdentifier(identifier: string): string {
    assertUsableIdentifier(identifier);
    return escapeIdentifier(identifier);
  }

  async connect(credentials: DatabaseCredentials, options?: ConnectOptions): Promise<DatabaseSession> {
    const { options: resolved, target, tls } = planConnection('postgres', credentials, options);
    const client = new Client({
      host: credentials.host,
      port: credentials.port,
      user: credentials.username,
      password: credentials.password,
      database: credentials.dbname ?? 'postgres',
      ssl: tls === undefined ? false : { secureContext: tls.secureContext, rejectUnauthorized: true },
      connectionTimeoutMillis: resolved.connectTimeoutMs,
      statement_timeout: resolved.statementTimeoutMs,
      lock_timeout: resolved.statementTimeoutMs,
      // Client-side bound too, for a server that stops answering mid-statement.
      query_timeout: resolved.statementTimeoutMs + DEADLINE_GRACE_MS,
      idle_in_transaction_session_timeout: resolved.statementTimeoutMs * 4,
      application_name: APPLICATION_NAME,
      keepAlive: true,
    });
    // A dropped idle connection emits 'error'; the next query reports it instead.
    client.on('error', () => undefined);
    try {
      await withDeadline(
        client.connect(),
        resolved.connectTimeoutMs + DEADLINE_GRACE_MS,
        () => new ConnectionTimeoutError(CONNECTION_FAILURE_REASONS.timeout, target),
        () => void client.end().catch(() => undefined),
      );
    } catch (error) {
      void client.end().catch(() => undefined);
      throw toConnectionError('postgres', target, error);
    }
    return new PostgresSession(client, credentials.username);
  }

  async verifyLogin(credentials: DatabaseCredentials, options?: ConnectOptions): Promise<boolean> {
    return verifyLoginWith(this, credentials, options);
  }
}
