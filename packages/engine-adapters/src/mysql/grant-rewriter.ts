import { escape } from 'mysql2';
import { GrantRewriteError } from '../errors';

/** An account: MySQL/MariaDB identify users by name and host pattern. */
export interface Account {
  readonly user: string;
  readonly host: string;
}

/** `'user'@'host'` with the driver's literal escaping: valid in every MySQL/MariaDB version. */
export function accountLiteral(account: Account): string {
  return `${escape(account.user)}@${escape(account.host)}`;
}

/**
 * The ways servers print an account in SHOW GRANTS: backticks with doubled backticks
 * (MySQL 8, MariaDB), or single quotes (MySQL 5.7 / Aurora MySQL 2) with the quote doubled or
 * backslash-escaped.
 */
export function accountRenderings(account: Account): string[] {
  const backtick = (value: string): string => `\`${value.replace(/`/g, '``')}\``;
  const doubled = (value: string): string => `'${value.replace(/'/g, "''")}'`;
  const backslashed = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return [
    ...new Set(
      [backtick, doubled, backslashed].map((quote) => `${quote(account.user)}@${quote(account.host)}`),
    ),
  ];
}

/** Password clauses MariaDB prints in SHOW GRANTS; replaying them would copy the source's password. */
const AUTH_CLAUSE = /\s+IDENTIFIED\s+(?:BY\s+PASSWORD\s+'[^']*'|VIA\s+.*?)(?=\s+REQUIRE\b|\s+WITH\b|$)/is;

/**
 * Rewrites one SHOW GRANTS line of `source` into the same statement for `target`.
 * Privilege lists and object names are kept byte for byte, so escaped wildcards in database
 * names (`my\_db`), column lists, roles, `WITH GRANT OPTION` and `WITH ADMIN OPTION` carry
 * over exactly. The grantee is the last `TO`/`FROM`/`FOR <account>` of the line (object names
 * come before it). Password clauses are dropped.
 *
 * @example
 * rewriteGrant("GRANT SELECT ON `app\\_db`.* TO `app`@`%`", { user: 'app', host: '%' }, { user: 'app_clone', host: '%' });
 * // "GRANT SELECT ON `app\\_db`.* TO 'app_clone'@'%'"
 */
export function rewriteGrant(line: string, source: Account, target: Account): string {
  let best: { index: number; length: number; keyword: string } | undefined;
  for (const rendering of accountRenderings(source)) {
    for (const keyword of [' TO ', ' FROM ', ' FOR ']) {
      const needle = `${keyword}${rendering}`;
      const index = line.lastIndexOf(needle);
      if (index >= 0 && (best === undefined || index > best.index)) {
        best = { index, length: needle.length, keyword };
      }
    }
  }
  if (best === undefined) {
    throw new GrantRewriteError(source.user, source.host);
  }
  const head = line.slice(0, best.index);
  const tail = line.slice(best.index + best.length).replace(AUTH_CLAUSE, '');
  return `${head}${best.keyword}${accountLiteral(target)}${tail}`;
}
