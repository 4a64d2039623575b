import { Client } from 'pg';
import { POSTGRES } from './engine-cases';
import { hostilePassword, unique } from './helpers';

describe('PostgresSession.ensureCloneUser: roles on a real PostgreSQL', () => {
  const { adapter, options, credentials, ensureClone } = POSTGRES;
  const pg = () => POSTGRES.server();
  const admin = POSTGRES.useAdmin();
  const id = (name: string) => admin().id(name);

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

  it('creates a clone that acts as the source: owned tables, group tables, attributes, memberships', async () => {
    const { source, schema, group } = await admin().createCloneSource();
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
    const owner = await admin().client.query(
      'SELECT tableowner FROM pg_tables WHERE schemaname = $1 AND tablename = $2',
      [schema, 'made_by_clone'],
    );
    expect(owner.rows).toEqual([{ tableowner: source }]);

    const attributes = await admin().client.query(
      `SELECT rolcanlogin, rolcreatedb, rolsuper, pg_has_role(oid, $2, 'MEMBER') AS in_group,
              rolpassword LIKE 'SCRAM-SHA-256$4096:%' AS scram
         FROM pg_authid WHERE rolname = $1`,
      [clone, group],
    );
    expect(attributes.rows).toEqual([
      { rolcanlogin: true, rolcreatedb: true, rolsuper: false, in_group: true, scram: true },
    ]);
    const direct = await admin().client.query(
      `SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
        WHERE m.member = (SELECT oid FROM pg_roles WHERE rolname = $1) ORDER BY 1`,
      [clone],
    );
    expect(direct.rows.map((row) => row.rolname).sort()).toEqual([source, group].sort());
  });

  it('lets the source use what the clone created after a second run', async () => {
    const { source, password, schema } = await admin().createCloneSource();
    const clone = `${source}_clone`;
    const second = hostilePassword();
    await ensureClone(source, clone, hostilePassword());
    await ensureClone(source, clone, second);

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

  it('only sets the password when the pair is reversed: the source does not join its clone', async () => {
    const { source } = await admin().createCloneSource();
    const clone = `${source}_clone`;
    await ensureClone(source, clone, hostilePassword());
    await ensureClone(clone, source, hostilePassword());
    const member = await admin().client.query("SELECT pg_has_role($1, $2, 'MEMBER') AS m", [source, clone]);
    expect(member.rows).toEqual([{ m: false }]);
  });

  it('works for a CREATEROLE master that is not a superuser (like the RDS master user)', async () => {
    const { source, schema } = await admin().createCloneSource();
    const masterName = unique('rds_master_');
    const masterPassword = hostilePassword();
    await admin().createUser(masterName, masterPassword, ['CREATEROLE']);
    const clone = `${source}_clone`;
    const clonePassword = hostilePassword();
    const session = await adapter.connect(credentials(masterName, masterPassword), options());
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
});
