import { createHash } from 'node:crypto';
import { escape } from 'mysql2';
import { accountLiteral, type Account } from './grant-rewriter';

/**
 * The mysql_native_password hash: `*` + upper-case hex of SHA1(SHA1(password)), the value
 * MariaDB's PASSWORD() returns for a UTF-8 connection.
 */
export function mysqlNativePasswordHash(password: string): string {
  const inner = createHash('sha1').update(password, 'utf8').digest();
  return `*${createHash('sha1').update(inner).digest('hex').toUpperCase()}`;
}

/**
 * True when a MariaDB `SHOW CREATE USER` line shows a plain mysql_native_password account
 * (or no password at all), whose password can be set from a precomputed hash.
 */
export function usesNativePasswordOnly(showCreateUser: string): boolean {
  return !/\bIDENTIFIED\s+VIA\b/i.test(showCreateUser);
}

/** Whose password a statement changes. */
export type PasswordTarget = { readonly self: true } | { readonly self: false; readonly account: Account };

/**
 * The statement that sets a password.
 * - MySQL: `ALTER USER ... IDENTIFIED BY '<plain>'` (MySQL rewrites it to `<secret>` in its
 *   general, slow and binary logs, and keeps the account's plugin).
 * - MariaDB, mysql_native_password accounts: the precomputed hash
 *   (`ALTER USER ... IDENTIFIED BY PASSWORD '*...'`, `SET PASSWORD = '*...'`), because MariaDB
 *   writes statements to its general log as sent.
 * - MariaDB, other plugins (`IDENTIFIED VIA ...`): `SET PASSWORD ... = PASSWORD('<plain>')`,
 *   which keeps the account's plugin (ALTER USER ... IDENTIFIED BY would switch it).
 */
export function setPasswordStatement(
  server: { readonly mariadb: boolean; readonly nativeOnly: boolean },
  target: PasswordTarget,
  password: string,
): string {
  const who = target.self ? undefined : accountLiteral(target.account);
  if (!server.mariadb) {
    return `ALTER USER ${who ?? 'CURRENT_USER()'} IDENTIFIED BY ${escape(password)}`;
  }
  if (server.nativeOnly) {
    const hash = escape(mysqlNativePasswordHash(password));
    return who === undefined ? `SET PASSWORD = ${hash}` : `ALTER USER ${who} IDENTIFIED BY PASSWORD ${hash}`;
  }
  return `SET PASSWORD${who === undefined ? '' : ` FOR ${who}`} = PASSWORD(${escape(password)})`;
}

/** `CREATE USER IF NOT EXISTS` with a password, so the account is never passwordless. */
export function createUserStatement(
  server: { readonly mariadb: boolean },
  account: Account,
  password: string,
): string {
  const credential = server.mariadb
    ? `IDENTIFIED BY PASSWORD ${escape(mysqlNativePasswordHash(password))}`
    : `IDENTIFIED BY ${escape(password)}`;
  return `CREATE USER IF NOT EXISTS ${accountLiteral(account)} ${credential}`;
}
