import type { Client } from 'pg';
import { toStatementError } from '../driver-errors';
import { UnsupportedUsernameError, UserNotFoundError } from '../errors';
import type { DatabaseSession } from '../types/adapter';
import { assertUsablePassword, assertUsableUsername } from '../validation';
import { scramSha256Verifier } from './scram-verifier';

const CLOSE_TIMEOUT_MS = 2_000;

interface RoleAttributes {
  readonly oid: number;
  readonly rolsuper: boolean;
  readonly rolinherit: boolean;
  readonly rolcreaterole: boolean;
  readonly rolcreatedb: boolean;
  readonly rolreplication: boolean;
  readonly rolbypassrls: boolean;
  readonly rolconnlimit: number;
}

/**
 * An authenticated PostgreSQL session. Passwords only ever travel as SCRAM-SHA-256 verifiers
 * inside ALTER/CREATE ROLE (which takes no bind parameters), quoted with the client's
 * escapeIdentifier/escapeLiteral.
 */
export class PostgresSession implements DatabaseSession {
  // ES private fields: invisible to util.inspect, JSON.stringify and loggers.
  readonly #client: Client;
  readonly #username: string;

  constructor(client: Client, username: string) {
    this.#client = client;
    this.#username = username;
  }

  /** Sets the password of the role this session logged in as. */
  async setOwnPassword(newPassword: string): Promise<void> {
    assertUsablePassword(newPassword, 'newPassword');
    const verifier = await scramSha256Verifier(newPassword);
    // A clone logs in with `role` set to its source; act as the login role again so that
    // the statement below changes our own password, not the source's.
    await this.#run('SET ROLE NONE', 'SET ROLE NONE');
    await this.#run(
      'ALTER ROLE (set own password)',
      `ALTER ROLE ${this.#client.escapeIdentifier(this.#username)} PASSWORD ${this.#client.escapeLiteral(verifier)}`,
    );
  }

  /** Sets another role's password; needs CREATEROLE (or ADMIN on that role). */
  async setUserPassword(username: string, newPassword: string): Promise<void> {
    assertUsableUsername('postgres', username, { field: 'username' });
    assertUsablePassword(newPassword, 'newPassword');
    if ((await this.#roleAttributes(username)) === undefined)
      throw new UserNotFoundError('username', username);
    const verifier = await scramSha256Verifier(newPassword);
    await this.#run(
      'ALTER ROLE (set password)',
      `ALTER ROLE ${this.#client.escapeIdentifier(username)} PASSWORD ${this.#client.escapeLiteral(verifier)}`,
    );
  }

  /**
   * Makes `cloneUsername` a login role that acts exactly as `sourceUsername`:
   * - created if missing, password set (as a verifier), LOGIN;
   * - the source's attributes copied (SUPERUSER, CREATEDB, CREATEROLE, REPLICATION,
   *   BYPASSRLS only when the source has them; INHERIT/NOINHERIT; CONNECTION LIMIT);
   * - the source's direct role memberships granted (with ADMIN OPTION where the source has it);
   * - member of the source role, and `role` set to the source at login
   *   (`ALTER ROLE clone SET role = source`): the clone then has the owner's rights on every
   *   object the source owns, and objects it creates are owned by the source, so switching
   *   between the two users never strands an object with the wrong owner.
   * When the clone already contains the source (the pair reversed on the next alternating
   * rotation), only LOGIN and the password are set: the clone is the original owner.
   * Idempotent; runs in one transaction.
   */
  async ensureCloneUser(sourceUsername: string, cloneUsername: string, newPassword: string): Promise<void> {
    assertUsableUsername('postgres', sourceUsername, { field: 'sourceUsername' });
    assertUsableUsername('postgres', cloneUsername, { field: 'cloneUsername' });
    assertUsablePassword(newPassword, 'newPassword');
    if (sourceUsername === cloneUsername) {
      throw new UnsupportedUsernameError('cloneUsername', 'must differ from sourceUsername');
    }
    const verifier = await scramSha256Verifier(newPassword);
    const id = (name: string): string => this.#client.escapeIdentifier(name);
    const literal = (value: string): string => this.#client.escapeLiteral(value);

    await this.#run('BEGIN', 'BEGIN');
    try {
      const source = await this.#roleAttributes(sourceUsername);
      if (source === undefined) throw new UserNotFoundError('sourceUsername', sourceUsername);
      const clone = await this.#roleAttributes(cloneUsername);
      const reversed =
        clone !== undefined &&
        (
          await this.#run('check role membership', 'SELECT pg_has_role($1::oid, $2::oid, $3) AS member', [
            source.oid,
            clone.oid,
            'MEMBER',
          ])
        ).rows[0]?.member === true;

      if (reversed) {
        await this.#run(
          'ALTER ROLE (clone password)',
          `ALTER ROLE ${id(cloneUsername)} WITH LOGIN PASSWORD ${literal(verifier)}`,
        );
      } else {
        const attributes = [
          'LOGIN',
          source.rolinherit ? 'INHERIT' : 'NOINHERIT',
          ...(source.rolsuper ? ['SUPERUSER'] : []),
          ...(source.rolcreatedb ? ['CREATEDB'] : []),
          ...(source.rolcreaterole ? ['CREATEROLE'] : []),
          ...(source.rolreplication ? ['REPLICATION'] : []),
          ...(source.rolbypassrls ? ['BYPASSRLS'] : []),
          `CONNECTION LIMIT ${Math.trunc(source.rolconnlimit)}`,
        ].join(' ');
        await this.#run(
          clone === undefined ? 'CREATE ROLE (clone)' : 'ALTER ROLE (clone)',
          `${clone === undefined ? 'CREATE' : 'ALTER'} ROLE ${id(cloneUsername)} WITH ${attributes} PASSWORD ${literal(verifier)}`,
        );
        const memberships = await this.#run(
          'read role memberships',
          `SELECT r.rolname, m.admin_option
             FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
            WHERE m.member = $1::oid AND r.rolname <> $2`,
          [source.oid, cloneUsername],
        );
        for (const row of memberships.rows as Array<{ rolname: string; admin_option: boolean }>) {
          await this.#run(
            'GRANT role membership (clone)',
            `GRANT ${id(row.rolname)} TO ${id(cloneUsername)}${row.admin_option ? ' WITH ADMIN OPTION' : ''}`,
          );
        }
        await this.#run('GRANT source role (clone)', `GRANT ${id(sourceUsername)} TO ${id(cloneUsername)}`);
        await this.#run(
          'ALTER ROLE SET role (clone)',
          `ALTER ROLE ${id(cloneUsername)} SET role = ${literal(sourceUsername)}`,
        );
      }
      await this.#run('COMMIT', 'COMMIT');
    } catch (error) {
      await this.#client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async ping(): Promise<void> {
    await this.#run('ping (SELECT 1)', 'SELECT 1');
  }

  /** Ends the session; bounded, and never throws (the server may already be gone). */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.#client.end().catch(() => undefined),
      new Promise((resolve) => {
        timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
  }

  async #roleAttributes(name: string): Promise<RoleAttributes | undefined> {
    const result = await this.#run(
      'read role attributes',
      `SELECT oid::int8 AS oid, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, rolconnlimit
         FROM pg_roles WHERE rolname = $1`,
      [name],
    );
    const row = result.rows[0] as (Omit<RoleAttributes, 'oid'> & { oid: string }) | undefined;
    return row === undefined ? undefined : { ...row, oid: Number(row.oid) };
  }

  async #run(
    operation: string,
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: Array<Record<string, unknown>> }> {
    try {
      return await this.#client.query(sql, params);
    } catch (error) {
      throw toStatementError('postgres', operation, error);
    }
  }
}
