import type { Connection, RowDataPacket } from 'mysql2/promise';
import { escape } from 'mysql2';
import { toStatementError } from '../driver-errors';
import { UnsupportedUsernameError, UserNotFoundError } from '../errors';
import type { DatabaseSession } from '../types/adapter';
import { assertUsablePassword, assertUsableUsername } from '../validation';
import { accountLiteral, rewriteGrant, type Account } from './grant-rewriter';
import { createUserStatement, setPasswordStatement, usesNativePasswordOnly } from './password-statements';

const CLOSE_TIMEOUT_MS = 2_000;

/**
 * An authenticated MySQL/MariaDB session. Identifiers and literals are quoted with the
 * driver's escaping; the session runs without NO_BACKSLASH_ESCAPES so that escaping holds.
 */
export class MySqlSession implements DatabaseSession {
  readonly #connection: Connection;
  readonly #statementTimeoutMs: number;
  readonly #mariadb: boolean;

  constructor(connection: Connection, options: { statementTimeoutMs: number; mariadb: boolean }) {
    this.#connection = connection;
    this.#statementTimeoutMs = options.statementTimeoutMs;
    this.#mariadb = options.mariadb;
  }

  /** The server this session is on decides the user name limit: MariaDB 80, MySQL 32. */
  get #engine(): 'mariadb' | 'mysql' {
    return this.#mariadb ? 'mariadb' : 'mysql';
  }

  /**
   * Changes the password of the account this session authenticated as, with statements that
   * need no CREATE USER privilege (see setPasswordStatement for what each server receives).
   */
  async setOwnPassword(newPassword: string): Promise<void> {
    assertUsablePassword(newPassword, 'newPassword');
    const nativeOnly = this.#mariadb && (await this.#usesNativePasswordOnly('CURRENT_USER()'));
    await this.#run(
      'set own password',
      setPasswordStatement({ mariadb: this.#mariadb, nativeOnly }, { self: true }, newPassword),
    );
  }

  /** Sets the password of `username` on every host it exists on. Needs CREATE USER. */
  async setUserPassword(username: string, newPassword: string): Promise<void> {
    assertUsableUsername(this.#engine, username, { field: 'username' });
    assertUsablePassword(newPassword, 'newPassword');
    const hosts = await this.#hostsOf(username);
    if (hosts.length === 0) throw new UserNotFoundError('username', username);
    for (const host of hosts) await this.#setPassword({ user: username, host }, newPassword);
  }

  /**
   * For every host the source user exists on (not only `%`): creates clone@host if missing,
   * sets its password, and replays the source's SHOW GRANTS with the account rewritten
   * (global, database, table, column and routine privileges, roles and default roles on
   * MariaDB, WITH GRANT/ADMIN OPTION, escaped wildcards in database names). Additive and
   * idempotent: grants are never revoked, so running it twice is harmless.
   */
  async ensureCloneUser(sourceUsername: string, cloneUsername: string, newPassword: string): Promise<void> {
    assertUsableUsername(this.#engine, sourceUsername, { field: 'sourceUsername' });
    assertUsableUsername(this.#engine, cloneUsername, { field: 'cloneUsername' });
    assertUsablePassword(newPassword, 'newPassword');
    if (sourceUsername === cloneUsername) {
      throw new UnsupportedUsernameError('cloneUsername', 'must differ from sourceUsername');
    }
    const hosts = await this.#hostsOf(sourceUsername);
    if (hosts.length === 0) throw new UserNotFoundError('sourceUsername', sourceUsername);
    for (const host of hosts) {
      const source: Account = { user: sourceUsername, host };
      const clone: Account = { user: cloneUsername, host };
      await this.#run(
        'CREATE USER IF NOT EXISTS (clone)',
        createUserStatement({ mariadb: this.#mariadb }, clone, newPassword),
      );
      await this.#setPassword(clone, newPassword);
      const grants = await this.#run<RowDataPacket[]>(
        'SHOW GRANTS (source)',
        `SHOW GRANTS FOR ${accountLiteral(source)}`,
      );
      for (const row of grants) {
        const line = String(Object.values(row)[0] ?? '');
        await this.#run('replay grant (clone)', rewriteGrant(line, source, clone));
      }
    }
  }

  async ping(): Promise<void> {
    await this.#run('ping (SELECT 1)', 'SELECT 1');
  }

  /** Ends the session; bounded, and never throws (the server may already be gone). */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([
      this.#connection.end().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), CLOSE_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!ended) this.#connection.destroy();
  }

  async #setPassword(account: Account, password: string): Promise<void> {
    const nativeOnly = this.#mariadb && (await this.#usesNativePasswordOnly(accountLiteral(account)));
    await this.#run(
      'set password',
      setPasswordStatement({ mariadb: this.#mariadb, nativeOnly }, { self: false, account }, password),
    );
  }

  /** MariaDB: whether the account authenticates with mysql_native_password only. */
  async #usesNativePasswordOnly(accountSql: string): Promise<boolean> {
    const rows = await this.#run<RowDataPacket[]>('SHOW CREATE USER', `SHOW CREATE USER ${accountSql}`);
    return usesNativePasswordOnly(String(Object.values(rows[0] ?? {})[0] ?? ''));
  }

  async #hostsOf(username: string): Promise<string[]> {
    // MariaDB keeps roles in mysql.user too; they are not login accounts.
    const rows = await this.#run<RowDataPacket[]>(
      'read account hosts',
      `SELECT Host AS host FROM mysql.user WHERE User = ${escape(username)}${this.#mariadb ? " AND is_role <> 'Y'" : ''} ORDER BY Host`,
    );
    return rows.map((row) => String(row.host));
  }

  async #run<T = unknown>(operation: string, sql: string): Promise<T> {
    try {
      const [result] = await this.#connection.query({ sql, timeout: this.#statementTimeoutMs });
      return result as T;
    } catch (error) {
      throw toStatementError('mysql', operation, error);
    }
  }
}
