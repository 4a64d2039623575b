import { Client } from 'pg';
import { UnsupportedUsernameError, UserNotFoundError } from '../../src/errors';
import { PostgresAdapter } from '../../src/postgres/postgres-adapter';
import { scramSha256Verifier } from '../../src/postgres/scram-verifier';
import { credentialsFor, hostilePassword, postgresSuperuser, services, unique } from './helpers';

jest.setTimeout(60_000);

const adapter = new PostgresAdapter();

describe('PostgresSession.ensureCloneUser against a real PostgreSQL', () => {
  let admin: Client;
  const pg = () => services().postgres;
  const master = () => credentialsFor(pg(), pg().superuser.username, pg().superuser.password);
  const options = () => ({ ca: pg().caPem });
  const id = (name: string) => admin.escapeIdentifier(name);

  async function rawLogin(username: string, password: string): Promise<Client> {
    const client = new Client({
      host: pg().host,
      port: pg().port,
      user: username,
      password,
      database: 'postgres',
      ssl: { ca: pg().caPem, rejectUnauthorized: true },
    });
    await client.connect();
    return client;
  }

  async function ensureClone(source: string, clone: string, password: string): Promise<void> {
    const session = await adapter.connect(master(), options());
    try {
      await session.ensureCloneUser(source, clone, password);
    } finally {
      await session.close();
    }
  }

  /** A source user that owns a table, reaches another through a group role, and has CREATEDB. */
  async function createSource(): Promise<{
    source: string;
    password: string;
    schema: string;
    group: string;
  }> {
    const source = `app "${unique('')}" ü`;
    const password = hostilePassword();
    const group = unique('readers_');
    const schema = unique('s_');
    await admin.query(`CREATE ROLE ${id(group)} NOLOGIN`);
    await admin.query(
      `CREATE ROLE ${id(source)} LOGIN CREATEDB PASSWORD ${admin.escapeLiteral(await scramSha256Verifier(password))}`,
    );
    await admin.query(`GRANT ${id(group)} TO ${id(source)}`);
    await admin.query(`CREATE SCHEMA ${id(schema)}`);
    await admin.query(`GRANT USAGE, CREATE ON SCHEMA ${id(schema)} TO ${id(source)}`);
    await admin.query(`GRANT USAGE ON SCHEMA ${id(schema)} TO ${id(group)}`);
    await admin.query(`CREATE TABLE ${id(schema)}.owned (v text)`);
    await admin.query(`ALTER TABLE ${id(schema)}.owned OWNER TO ${id(source)}`);
    await admin.query(`CREATE TABLE ${id(schema)}.shared (v text)`);
    await admin.query(`GRANT SELECT, INSERT ON ${id(schema)}.shared TO ${id(group)}`);
    return { source, password, schema, group };
  }

  beforeAll(async () => {
    admin = await postgresSuperuser(pg());
  });

  afterAll(async () => {
    await admin.end();
  });

  it('creates a clone that acts as the source: owned tables, group tables, attributes, memberships', async () => {
    const { source, schema, group } = await createSource();
    const clone = `${source}_clone`;
    const clonePassword = hostilePassword();
    await ensureClone(source, clone, clonePassword);

    const client = await rawLogin(clone, clonePassword);
    try {
      const who = await client.query('SELECT session_user AS s, current_user AS c');
      expect(who.rows[0]).toEqual({ s: clone, c: source });
      await client.query(`INSERT INTO ${id(schema)}.owned VALUES ('by clone')`);
      await client.query(`INSERT INTO ${id(schema)}.shared VALUES ('by clone')`);
      expect((await client.query(`SELECT v FROM ${id(schema)}.owned`)).rows).toEqual([{ v: 'by clone' }]);
      expect((await client.query(`SELECT v FROM ${id(schema)}.shared`)).rows).toEqual([{ v: 'by clone' }]);
      await client.query(`CREATE TABLE ${id(schema)}.made_by_clone (v int)`);
    } finally {
      await client.end();
    }

    // Objects the clone creates belong to the source, so the source keeps full use of them.
    const owner = await admin.query(
      'SELECT tableowner FROM pg_tables WHERE schemaname = $1 AND tablename = $2',
      [schema, 'made_by_clone'],
    );
    expect(owner.rows).toEqual([{ tableowner: source }]);

    const attributes = await admin.query(
      `SELECT rolcanlogin, rolcreatedb, rolsuper, pg_has_role(oid, $2, 'MEMBER') AS in_group,
              rolpassword LIKE 'SCRAM-SHA-256$4096:%' AS scram
         FROM pg_authid WHERE rolname = $1`,
      [clone, group],
    );
    expect(attributes.rows).toEqual([
      { rolcanlogin: true, rolcreatedb: true, rolsuper: false, in_group: true, scram: true },
    ]);
    const direct = await admin.query(
      `SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
        WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = $1) ORDER BY 1`,
      [clone],
    );
    expect(direct.rows.map((row) => row.rolname).sort()).toEqual([source, group].sort());
  });

  it('is idempotent, and the source can still use what the clone created', async () => {
    const { source, password, schema } = await createSource();
    const clone = `${source}_clone`;
    const first = hostilePassword();
    const second = hostilePassword();
    await ensureClone(source, clone, first);
    await ensureClone(source, clone, second);
    expect(await adapter.verifyLogin(credentialsFor(pg(), clone, second), options())).toBe(true);
    expect(await adapter.verifyLogin(credentialsFor(pg(), clone, first), options())).toBe(false);

    const asClone = await rawLogin(clone, second);
    await asClone.query(`CREATE TABLE ${id(schema)}.clone_table (v int)`);
    await asClone.query(`INSERT INTO ${id(schema)}.clone_table VALUES (1)`);
    await asClone.end();
    const asSource = await rawLogin(source, password);
    await asSource.query(`INSERT INTO ${id(schema)}.clone_table VALUES (2)`);
    expect((await asSource.query(`SELECT count(*)::int AS n FROM ${id(schema)}.clone_table`)).rows).toEqual([
      { n: 2 },
    ]);
    await asSource.end();
  });

  it('only sets the password when the pair is reversed on the next alternating rotation', async () => {
    const { source } = await createSource();
    const clone = `${source}_clone`;
    await ensureClone(source, clone, hostilePassword());
    const sourcePassword = hostilePassword();
    await ensureClone(clone, source, sourcePassword);
    expect(await adapter.verifyLogin(credentialsFor(pg(), source, sourcePassword), options())).toBe(true);
    const member = await admin.query("SELECT pg_has_role($1, $2, 'MEMBER') AS m", [source, clone]);
    expect(member.rows).toEqual([{ m: false }]);
  });

  it('lets a clone change its own password, not its source’s', async () => {
    const { source, password } = await createSource();
    const clone = `${source}_clone`;
    const initial = hostilePassword();
    const next = hostilePassword();
    await ensureClone(source, clone, initial);
    const session = await adapter.connect(credentialsFor(pg(), clone, initial), options());
    await session.setOwnPassword(next);
    await session.close();
    expect(await adapter.verifyLogin(credentialsFor(pg(), clone, next), options())).toBe(true);
    expect(await adapter.verifyLogin(credentialsFor(pg(), source, password), options())).toBe(true);
  });

  it('works for a CREATEROLE master that is not a superuser (like the RDS master user)', async () => {
    const { source, schema } = await createSource();
    const masterName = unique('rds_master_');
    const masterPassword = hostilePassword();
    await admin.query(
      `CREATE ROLE ${id(masterName)} LOGIN CREATEROLE PASSWORD ${admin.escapeLiteral(await scramSha256Verifier(masterPassword))}`,
    );
    const clone = `${source}_clone`;
    const clonePassword = hostilePassword();
    const session = await adapter.connect(credentialsFor(pg(), masterName, masterPassword), options());
    try {
      await session.ensureCloneUser(source, clone, clonePassword);
      await session.setUserPassword(source, hostilePassword());
    } finally {
      await session.close();
    }
    const asClone = await rawLogin(clone, clonePassword);
    await asClone.query(`INSERT INTO ${id(schema)}.owned VALUES ('via createrole master')`);
    await asClone.end();
  });

  it('refuses a clone name over 63 bytes and a missing source, changing nothing', async () => {
    const session = await adapter.connect(master(), options());
    try {
      await expect(session.ensureCloneUser('a'.repeat(58), `${'a'.repeat(58)}_clone`, 'pw')).rejects.toThrow(
        UnsupportedUsernameError,
      );
      const ghost = unique('ghost_');
      await expect(session.ensureCloneUser(ghost, `${ghost}_clone`, 'pw')).rejects.toThrow(UserNotFoundError);
      const { rows } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [`${ghost}_clone`]);
      expect(rows).toEqual([]);
      await session.ping();
    } finally {
      await session.close();
    }
  });
});
