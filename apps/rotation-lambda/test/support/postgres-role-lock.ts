import type { Client } from 'pg';
import type { DatabaseServerInfo } from '@credential-rotation/test-services';
import { connectPostgresSuperuser } from '@credential-rotation/test-services';

/**
 * Holds the pg_authid row of `role` in a third session (an uncommitted ALTER ROLE), so that
 * password changes of that role queue behind it. `waiting()` counts the role's own sessions
 * that wait on a lock; `release()` rolls back: the first queued change then proceeds and the
 * next one finds the row updated under it ("tuple concurrently updated", SQLSTATE XX000).
 */
export class PostgresRoleLock {
  private constructor(
    private readonly locker: Client,
    private readonly observer: Client,
    private readonly role: string,
  ) {}

  static async hold(server: DatabaseServerInfo, role: string): Promise<PostgresRoleLock> {
    const connect = () => connectPostgresSuperuser(server);
    const locker = await connect();
    const observer = await connect();
    await locker.query('BEGIN');
    await locker.query(`ALTER ROLE ${locker.escapeIdentifier(role)} CONNECTION LIMIT 10`);
    return new PostgresRoleLock(locker, observer, role);
  }

  /** Sessions logged in as the role that wait on a lock. */
  async waiting(): Promise<number> {
    const result = await this.observer.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND wait_event_type = 'Lock'",
      [this.role],
    );
    return result.rows[0]?.n ?? 0;
  }

  /** Resolves once `count` of the role's sessions wait on a lock (polls; the test timeout bounds it). */
  async untilWaiting(count: number): Promise<void> {
    while ((await this.waiting()) < count) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  async release(): Promise<void> {
    await this.locker.query('ROLLBACK');
    await this.locker.end();
    await this.observer.end();
  }
}
