import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { accountRenderings } from '../../src/mysql/grant-rewriter';
import { MARIADB } from './engine-cases';
import { hostilePassword, unique } from './helpers';
import { SOURCE_HOSTS } from './mariadb-admin';

describe('MySqlSession.ensureCloneUser: grants on every host of a real MariaDB', () => {
  const { adapter, options, credentials, ensureClone } = MARIADB;
  const db = () => MARIADB.server();
  const admin = MARIADB.useAdmin();

  async function login(user: string, password: string): Promise<Connection> {
    return createConnection({
      host: db().host,
      port: db().port,
      user,
      password,
      ssl: { ca: db().caPem, rejectUnauthorized: true },
    });
  }

  async function grantsOf(user: string, host: string): Promise<string[]> {
    const [rows] = await admin().connection.query<RowDataPacket[]>('SHOW GRANTS FOR ?@?', [user, host]);
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

  it('copies every grant on every host, with escaped wildcards, grant option and default role', async () => {
    const { source, id } = await admin().createCloneSource();
    const clone = `${source}_c`;
    const password = hostilePassword();
    await ensureClone(source, clone, password);

    for (const host of SOURCE_HOSTS) {
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
      await admin().createUser(grantee, 'x-password');
      await asClone.query(`GRANT SELECT ON \`go${id}\`.* TO ?@'%'`, [grantee]);
    } finally {
      await asClone.end();
    }
  });

  it('leaves the grants as they were on a second run', async () => {
    const { source } = await admin().createCloneSource();
    const clone = `${source}_c`;
    await ensureClone(source, clone, hostilePassword());
    const before = normalized(await grantsOf(clone, '%'), clone, '%');
    await ensureClone(source, clone, hostilePassword());
    expect(normalized(await grantsOf(clone, '%'), clone, '%')).toEqual(before);
  });

  it('works for a master with the RDS master user privileges (no SUPER, no ALL)', async () => {
    const masterName = unique('rdsm_');
    const masterPassword = hostilePassword();
    await admin().createUser(masterName, masterPassword);
    await admin().connection.query(
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
    const session = await adapter.connect(credentials(masterName, masterPassword), options());
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
});
