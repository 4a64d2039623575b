import type { Client } from 'pg';
import type { DatabaseServerInfo } from '@credential-rotation/test-services';
import { scramSha256Verifier } from '../../src/postgres/scram-verifier';
import type { CloneSource, TestAdmin } from './engine-cases';
import { hostilePassword, postgresSuperuser, unique } from './helpers';

/** A clone source on PostgreSQL, with the objects it reaches. */
export interface PostgresCloneSource extends CloneSource {
  /** A schema holding `owned` (owned by the source) and `shared` (reachable through `group`). */
  readonly schema: string;
  /** A NOLOGIN group role the source is a member of. */
  readonly group: string;
}

/** A superuser pg client and the SQL the integration tests need, independent of the adapter. */
export class PostgresTestAdmin implements TestAdmin {
  constructor(
    private readonly server: DatabaseServerInfo,
    readonly client: Client,
  ) {}

  /** The identifier quoted by the driver. */
  id(name: string): string {
    return this.client.escapeIdentifier(name);
  }

  /** A LOGIN role with `attributes` (e.g. `CREATEDB`); the password is sent as a SCRAM verifier. */
  async createUser(name: string, password: string, attributes: readonly string[] = []): Promise<void> {
    const verifier = this.client.escapeLiteral(await scramSha256Verifier(password));
    await this.client.query(
      `CREATE ROLE ${this.id(name)} LOGIN ${attributes.join(' ')} PASSWORD ${verifier}`,
    );
  }

  /** A role has no host part: the same as createUser. */
  createUserOnEveryHost(name: string, password: string): Promise<void> {
    return this.createUser(name, password);
  }

  async expectStoredAsHash(name: string): Promise<void> {
    const { rows } = await this.client.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [name]);
    expect(rows[0].rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
  }

  /** An open transaction that altered the role: ALTER ROLE waits for it. */
  async blockPasswordChange(name: string): Promise<() => Promise<void>> {
    const locker = await postgresSuperuser(this.server);
    await locker.query('BEGIN');
    await locker.query(`ALTER ROLE ${locker.escapeIdentifier(name)} CONNECTION LIMIT 5`);
    return async () => {
      await locker.query('ROLLBACK');
      await locker.end();
    };
  }

  /** A source user that owns a table, reaches another through a group role, and has CREATEDB. */
  async createCloneSource(): Promise<PostgresCloneSource> {
    const source = `app "${unique('')}" ü`;
    const password = hostilePassword();
    const group = unique('readers_');
    const schema = unique('s_');
    const [s, g] = [this.id(schema), this.id(group)];
    await this.client.query(`CREATE ROLE ${g} NOLOGIN`);
    await this.createUser(source, password, ['CREATEDB']);
    await this.client.query(`GRANT ${g} TO ${this.id(source)}`);
    await this.client.query(`CREATE SCHEMA ${s}`);
    await this.client.query(`GRANT USAGE, CREATE ON SCHEMA ${s} TO ${this.id(source)}`);
    await this.client.query(`GRANT USAGE ON SCHEMA ${s} TO ${g}`);
    await this.client.query(`CREATE TABLE ${s}.owned (v text)`);
    await this.client.query(`ALTER TABLE ${s}.owned OWNER TO ${this.id(source)}`);
    await this.client.query(`CREATE TABLE ${s}.shared (v text)`);
    await this.client.query(`GRANT SELECT, INSERT ON ${s}.shared TO ${g}`);
    return { source, password, schema, group };
  }

  async userExists(name: string): Promise<boolean> {
    const { rows } = await this.client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
    return rows.length > 0;
  }

  end(): Promise<void> {
    return this.client.end();
  }
}
