import type { Connection, RowDataPacket } from 'mysql2/promise';
import type { DatabaseServerInfo } from '@credential-rotation/test-services';
import type { CloneSource, TestAdmin } from './engine-cases';
import { hostilePassword, mariadbSuperuser, unique } from './helpers';

/** Every host part an account of the same user name can have in these tests. */
export const EVERY_HOST = ['%', '127.0.0.1', 'localhost'] as const;

/** The hosts a clone source exists on. */
export const SOURCE_HOSTS = ['%', '127.0.0.1'] as const;

/** A clone source on MariaDB; `id` is the suffix of the databases it was granted. */
export interface MariaDbCloneSource extends CloneSource {
  readonly id: string;
}

/** A superuser mysql2 connection and the SQL the integration tests need, independent of the adapter. */
export class MariaDbTestAdmin implements TestAdmin {
  constructor(
    private readonly server: DatabaseServerInfo,
    readonly connection: Connection,
  ) {}

  /** `name`@`host` for each host, identified by `password`, with `options` (e.g. `REQUIRE SSL`). */
  async createUser(
    name: string,
    password: string,
    hosts: readonly string[] = ['%'],
    options = '',
  ): Promise<void> {
    for (const host of hosts) {
      await this.connection.query(`CREATE USER ?@? IDENTIFIED BY ? ${options}`, [name, host, password]);
    }
  }

  createUserOnEveryHost(name: string, password: string): Promise<void> {
    return this.createUser(name, password, EVERY_HOST);
  }

  /** One hash on every host of the user, the server's own hash of `password`. */
  async expectStoredAsHash(name: string, password: string): Promise<void> {
    const [rows] = await this.connection.query<RowDataPacket[]>(
      'SELECT DISTINCT authentication_string AS hash, PASSWORD(?) AS expected FROM mysql.user WHERE User = ?',
      [password, name],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.hash).toBe(rows[0]?.expected);
  }

  /** A global read lock on another connection: account changes wait for it. */
  async blockPasswordChange(): Promise<() => Promise<void>> {
    const locker = await mariadbSuperuser(this.server);
    await locker.query('FLUSH TABLES WITH READ LOCK');
    return async () => {
      await locker.query('UNLOCK TABLES');
      await locker.end();
    };
  }

  /**
   * A source user on two hosts with: a grant on a database whose name has an escaped `_`
   * (and a decoy database the `_` would match as a wildcard), a `%` pattern grant, a
   * column grant, a WITH GRANT OPTION grant, a default role, and one grant only on `%`.
   */
  async createCloneSource(): Promise<MariaDbCloneSource> {
    const query = (sql: string, values?: unknown[]) => this.connection.query(sql, values);
    const id = unique('');
    const source = `o'b\`r\\ie ${id}`;
    const password = hostilePassword();
    for (const name of [`ad_${id}`, `adX${id}`, `tenant${id}a`, `go${id}`, `role${id}`, `only${id}`]) {
      await query(`CREATE DATABASE \`${name}\``);
      await query(`CREATE TABLE \`${name}\`.t (v int, secret int)`);
      await query(`INSERT INTO \`${name}\`.t VALUES (1, 2)`);
    }
    await query(`CREATE ROLE \`reader${id}\``);
    await query(`GRANT SELECT ON \`role${id}\`.* TO \`reader${id}\``);
    await this.createUser(source, password, SOURCE_HOSTS);
    for (const host of SOURCE_HOSTS) {
      await query(`GRANT SELECT, INSERT ON \`ad\\_${id}\`.* TO ?@?`, [source, host]);
      await query(`GRANT SELECT ON \`tenant${id}%\`.* TO ?@?`, [source, host]);
      await query(`GRANT SELECT (v) ON \`go${id}\`.t TO ?@?`, [source, host]);
      await query(`GRANT SELECT ON \`go${id}\`.* TO ?@? WITH GRANT OPTION`, [source, host]);
      await query(`GRANT \`reader${id}\` TO ?@?`, [source, host]);
      await query(`SET DEFAULT ROLE \`reader${id}\` FOR ?@?`, [source, host]);
    }
    await query(`GRANT SELECT ON \`only${id}\`.* TO ?@'%'`, [source]);
    return { source, password, id };
  }

  async userExists(name: string): Promise<boolean> {
    const [rows] = await this.connection.query<RowDataPacket[]>('SELECT 1 FROM mysql.user WHERE User = ?', [
      name,
    ]);
    return rows.length > 0;
  }

  end(): Promise<void> {
    return this.connection.end();
  }
}
