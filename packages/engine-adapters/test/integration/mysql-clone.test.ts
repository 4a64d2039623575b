import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { UnsupportedUsernameError, UserNotFoundError } from '../../src/errors';
import { accountRenderings } from '../../src/mysql/grant-rewriter';
import { MySqlAdapter } from '../../src/mysql/mysql-adapter';
import { credentialsFor, hostilePassword, mariadbSuperuser, services, unique } from './helpers';

jest.setTimeout(60_000);

const adapter = new MySqlAdapter();
const HOSTS = ['%', '127.0.0.1'] as const;

describe('MySqlSession.ensureCloneUser against a real MariaDB', () => {
  let admin: Connection;
  const db = () => services().mariadb;
  const master = () => credentialsFor(db(), db().superuser.username, db().superuser.password);
  const options = () => ({ ca: db().caPem });

  async function login(user: string, password: string): Promise<Connection> {
    return createConnection({
      host: db().host,
      port: db().port,
      user,
      password,
      ssl: { ca: db().caPem, rejectUnauthorized: true },
    });
  }

  async function ensureClone(source: string, clone: string, password: string): Promise<void> {
    const session = await adapter.connect(master(), options());
    try {
      await session.ensureCloneUser(source, clone, password);
    } finally {
      await session.close();
    }
  }

  async function grantsOf(user: string, host: string): Promise<string[]> {
    const [rows] = await admin.query<RowDataPacket[]>('SHOW GRANTS FOR ?@?', [user, host]);
    return rows.map((row) => String(Object.values(row)[0]));
  }

  /** Grants with the account name replaced and the password clause removed, for comparison. */
  function normalized(lines: string[], user: string, host: string): string[] {
    const [rendering] = accountRenderings({ user, host });
    return lines
      .map((line) =>
        line.replace(rendering ?? '', '<account>').replace(/ IDENTIFIED BY PASSWORD '[^']*'/, ''),
      )
      .sort();
  }

  /**
   * A source user on two hosts with: a grant on a database whose name has an escaped `_`
   * (and a decoy database the `_` would match as a wildcard), a `%` pattern grant, a
   * column grant, a WITH GRANT OPTION grant, a default role, and one grant only on `%`.
   */
  async function createSource(): Promise<{ source: string; password: string; id: string }> {
    const id = unique('');
    const source = `o'b\`r\\ie ${id}`;
    const password = hostilePassword();
    for (const name of [`ad_${id}`, `adX${id}`, `tenant${id}a`, `go${id}`, `role${id}`, `only${id}`]) {
      await admin.query(`CREATE DATABASE \`${name}\``);
      await admin.query(`CREATE TABLE \`${name}\`.t (v int, secret int)`);
      await admin.query(`INSERT INTO \`${name}\`.t VALUES (1, 2)`);
    }
    await admin.query(`CREATE ROLE \`reader${id}\``);
    await admin.query(`GRANT SELECT ON \`role${id}\`.* TO \`reader${id}\``);
    for (const host of HOSTS) {
      await admin.query('CREATE USER ?@? IDENTIFIED BY ?', [source, host, password]);
      await admin.query(`GRANT SELECT, INSERT ON \`ad\\_${id}\`.* TO ?@?`, [source, host]);
      await admin.query(`GRANT SELECT ON \`tenant${id}%\`.* TO ?@?`, [source, host]);
      await admin.query(`GRANT SELECT (v) ON \`go${id}\`.t TO ?@?`, [source, host]);
      await admin.query(`GRANT SELECT ON \`go${id}\`.* TO ?@? WITH GRANT OPTION`, [source, host]);
      await admin.query(`GRANT \`reader${id}\` TO ?@?`, [source, host]);
      await admin.query(`SET DEFAULT ROLE \`reader${id}\` FOR ?@?`, [source, host]);
    }
    await admin.query(`GRANT SELECT ON \`only${id}\`.* TO ?@'%'`, [source]);
    return { source, password, id };
  }

  beforeAll(async () => {
    admin = await mariadbSuperuser(db());
  });

  afterAll(async () => {
    await admin.end();
  });

  it('copies every grant on every host, with escaped wildcards, grant option and default role', async () => {
    const { source, id } = await createSource();
    const clone = `${source}_c`;
    const password = hostilePassword();
    await ensureClone(source, clone, password);

    for (const host of HOSTS) {
      expect(normalized(await grantsOf(clone, host), clone, host)).toEqual(
        normalized(await grantsOf(source, host), source, host),
      );
    }
    expect((await grantsOf(clone, '127.0.0.1')).join('\n')).not.toContain(`only${id}`);
    expect((await grantsOf(clone, '%')).join('\n')).toContain(`only${id}`);

    // Behaviour, logged in as the clone (from 127.0.0.1, so the 127.0.0.1 account applies).
    const asClone = await login(clone, password);
    try {
      await asClone.query(`INSERT INTO \`ad_${id}\`.t VALUES (3, 4)`);
      await expect(asClone.query(`SELECT v FROM \`adX${id}\`.t`)).rejects.toMatchObject({ errno: 1142 });
      const [tenant] = await asClone.query<RowDataPacket[]>(`SELECT v FROM \`tenant${id}a\`.t`);
      expect(tenant).toEqual([{ v: 1 }]);
      const [viaRole] = await asClone.query<RowDataPacket[]>(`SELECT v FROM \`role${id}\`.t`);
      expect(viaRole).toEqual([{ v: 1 }]);
      const grantee = unique('g_');
      await admin.query('CREATE USER ?@? IDENTIFIED BY ?', [grantee, '%', 'x-password']);
      await asClone.query(`GRANT SELECT ON \`go${id}\`.* TO ?@'%'`, [grantee]);
    } finally {
      await asClone.end();
    }
  });

  it('is idempotent: a second run sets the new password and leaves the grants as they were', async () => {
    const { source } = await createSource();
    const clone = `${source}_c`;
    const first = hostilePassword();
    const second = hostilePassword();
    await ensureClone(source, clone, first);
    const before = normalized(await grantsOf(clone, '%'), clone, '%');
    await ensureClone(source, clone, second);
    expect(normalized(await grantsOf(clone, '%'), clone, '%')).toEqual(before);
    expect(await adapter.verifyLogin(credentialsFor(db(), clone, second), options())).toBe(true);
    expect(await adapter.verifyLogin(credentialsFor(db(), clone, first), options())).toBe(false);
  });

  it('works in reverse for the next alternating rotation (clone -> original)', async () => {
    const { source } = await createSource();
    const clone = `${source}_c`;
    await ensureClone(source, clone, hostilePassword());
    const next = hostilePassword();
    await ensureClone(clone, source, next);
    expect(await adapter.verifyLogin(credentialsFor(db(), source, next), options())).toBe(true);
  });

  it('works for a master with the RDS master user privileges (no SUPER, no ALL)', async () => {
    const masterName = unique('rdsm_');
    const masterPassword = hostilePassword();
    await admin.query('CREATE USER ?@? IDENTIFIED BY ?', [masterName, '%', masterPassword]);
    await admin.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, RELOAD, PROCESS, REFERENCES, INDEX, ALTER,
             SHOW DATABASES, CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE, REPLICATION SLAVE,
             REPLICATION CLIENT, CREATE VIEW, SHOW VIEW, CREATE ROUTINE, ALTER ROUTINE, CREATE USER,
             EVENT, TRIGGER ON *.* TO ?@? WITH GRANT OPTION`,
      [masterName, '%'],
    );
    const id = unique('');
    const source = `app${id}`;
    const sourcePassword = hostilePassword();
    const asMaster = await login(masterName, masterPassword);
    try {
      // What an application setup run by the master user looks like.
      await asMaster.query(`CREATE DATABASE \`m_${id}\``);
      await asMaster.query(`CREATE TABLE \`m_${id}\`.t (v int)`);
      await asMaster.query(`CREATE ROLE \`mrole${id}\``);
      await asMaster.query(`GRANT SELECT ON \`m_${id}\`.* TO \`mrole${id}\``);
      await asMaster.query('CREATE USER ?@? IDENTIFIED BY ?', [source, '%', sourcePassword]);
      await asMaster.query(`GRANT INSERT ON \`m\\_${id}\`.* TO ?@'%'`, [source]);
      await asMaster.query(`GRANT \`mrole${id}\` TO ?@'%'`, [source]);
      await asMaster.query(`SET DEFAULT ROLE \`mrole${id}\` FOR ?@'%'`, [source]);
    } finally {
      await asMaster.end();
    }

    const clonePassword = hostilePassword();
    const session = await adapter.connect(credentialsFor(db(), masterName, masterPassword), options());
    try {
      await session.ensureCloneUser(source, `${source}_clone`, clonePassword);
      await session.setUserPassword(source, hostilePassword());
    } finally {
      await session.close();
    }
    const asClone = await login(`${source}_clone`, clonePassword);
    try {
      await asClone.query(`INSERT INTO \`m_${id}\`.t VALUES (1)`);
      const [rows] = await asClone.query<RowDataPacket[]>(`SELECT v FROM \`m_${id}\`.t`);
      expect(rows).toEqual([{ v: 1 }]);
    } finally {
      await asClone.end();
    }
  });

  it('refuses a clone name over 32 characters and a missing source, creating nothing', async () => {
    const session = await adapter.connect(master(), options());
    try {
      await expect(session.ensureCloneUser('a'.repeat(27), `${'a'.repeat(27)}_clone`, 'pw')).rejects.toThrow(
        UnsupportedUsernameError,
      );
      const ghost = unique('ghost_');
      await expect(session.ensureCloneUser(ghost, `${ghost}_clone`, 'pw')).rejects.toThrow(UserNotFoundError);
      const [rows] = await admin.query<RowDataPacket[]>('SELECT 1 FROM mysql.user WHERE User = ?', [
        `${ghost}_clone`,
      ]);
      expect(rows).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
