/**
 * What differs between the engine families in the integration suites that run over both:
 * the adapter, the server jest's global setup started, the admin SQL (through the driver, not
 * the adapter), engine names and hostile user names. Engine-specific behaviour has its own files.
 */
import { startMariaDb, startPostgres } from '@credential-rotation/test-services';
import type {
  DatabaseServer,
  DatabaseServerInfo,
  StartDatabaseOptions,
} from '@credential-rotation/test-services';
import { MySqlAdapter } from '../../src/mysql/mysql-adapter';
import { PostgresAdapter } from '../../src/postgres/postgres-adapter';
import type { ConnectOptions, DatabaseCredentials, Engine, EngineAdapter } from '../../src/types/adapter';
import {
  credentialsFor,
  mariadbSuperuser,
  postgresSuperuser,
  services,
  superuserCredentials,
} from './helpers';
import { MariaDbTestAdmin } from './mariadb-admin';
import { PostgresTestAdmin } from './postgres-admin';

/** A user whose privileges a clone must get, and its password. */
export interface CloneSource {
  readonly source: string;
  readonly password: string;
}

/** A superuser connection with the SQL the shared suites need. */
export interface TestAdmin {
  /** A login user (PostgreSQL: a role with a SCRAM verifier; MariaDB: `name`@`%`). */
  createUser(name: string, password: string): Promise<void>;
  /** The same, on every host an account can have (MariaDB: `%`, `127.0.0.1`, `localhost`). */
  createUserOnEveryHost(name: string, password: string): Promise<void>;
  /** Asserts the server stores `password` hashed (PostgreSQL: SCRAM; MariaDB: its hash, on every host). */
  expectStoredAsHash(name: string, password: string): Promise<void>;
  /** Holds a lock that blocks changing `name`'s password until the returned function runs. */
  blockPasswordChange(name: string): Promise<() => Promise<void>>;
  /** A user with privileges of every kind the engine's clone must copy. */
  createCloneSource(): Promise<CloneSource>;
  userExists(name: string): Promise<boolean>;
  end(): Promise<void>;
}

export interface EngineCase<Admin extends TestAdmin = TestAdmin> {
  /** The `engine` of the credentials for this server. */
  readonly engine: 'postgres' | 'mariadb';
  readonly adapterName: string;
  readonly serverName: string;
  readonly adapter: EngineAdapter;
  /** The family's other engine names, which connect the same way. */
  readonly aliases: readonly Engine[];
  /** User names that break naive quoting, within the engine's character set and length limit. */
  readonly hostileUsernames: readonly string[];
  /** Starts a server of this engine of the test's own. */
  start(options?: StartDatabaseOptions): Promise<DatabaseServer>;
  /** The server jest's global setup started. */
  server(): DatabaseServerInfo;
  /** The server's superuser. */
  master(): DatabaseCredentials;
  /** Credentials of another user of the server. */
  credentials(username: string, password: string): DatabaseCredentials;
  /** Trust the run's CA. */
  options(): ConnectOptions;
  /** An admin connection for the calling suite: opened before its tests, closed after them. */
  useAdmin(): () => Admin;
  /** ensureCloneUser in a session of the superuser, closed afterwards. */
  ensureClone(source: string, clone: string, password: string): Promise<void>;
}

type EngineSpec<Admin extends TestAdmin> = Pick<
  EngineCase<Admin>,
  'engine' | 'adapterName' | 'serverName' | 'adapter' | 'aliases' | 'hostileUsernames' | 'start'
> & { connectAdmin(server: DatabaseServerInfo): Promise<Admin> };

function engineCase<Admin extends TestAdmin>(spec: EngineSpec<Admin>): EngineCase<Admin> {
  const { connectAdmin, ...facts } = spec;
  const { adapter } = spec;
  const server = () => services()[spec.engine];
  const master = () => superuserCredentials(server());
  const options = () => ({ ca: server().caPem });
  return {
    ...facts,
    server,
    master,
    credentials: (username, password) => credentialsFor(server(), username, password),
    options,
    useAdmin() {
      let admin: Admin | undefined;
      beforeAll(async () => {
        admin = await connectAdmin(server());
      });
      afterAll(async () => {
        await admin?.end();
      });
      return () => {
        if (admin === undefined) throw new Error('the admin connection is open only while tests run');
        return admin;
      };
    },
    async ensureClone(source, clone, password) {
      const session = await adapter.connect(master(), options());
      try {
        await session.ensureCloneUser(source, clone, password);
      } finally {
        await session.close();
      }
    },
  };
}

export const POSTGRES = engineCase({
  engine: 'postgres',
  adapterName: 'PostgresAdapter',
  serverName: 'PostgreSQL',
  adapter: new PostgresAdapter(),
  aliases: ['aurora-postgresql'],
  hostileUsernames: [
    `we"ird'user`,
    'back\\slash',
    'pct%_under',
    'with space',
    'ünïcødé_用户',
    'dollar$$quote',
    'semi;colon --',
    'UpperCase',
  ],
  start: startPostgres,
  connectAdmin: async (server) => new PostgresTestAdmin(server, await postgresSuperuser(server)),
});

export const MARIADB = engineCase({
  engine: 'mariadb',
  adapterName: 'MySqlAdapter',
  serverName: 'MariaDB',
  adapter: new MySqlAdapter(),
  aliases: ['mysql', 'aurora-mysql'],
  // MariaDB stores user names as utf8mb3: no characters outside the BMP (emoji) in names.
  hostileUsernames: [
    `we"ird'u`,
    'back\\slash',
    'pct%_under',
    'with space',
    'ünï_用户',
    'semi;co --',
    'back`tick',
    'd$$',
  ],
  start: startMariaDb,
  connectAdmin: async (server) => new MariaDbTestAdmin(server, await mariadbSuperuser(server)),
});

export const ENGINE_CASES: readonly EngineCase[] = [POSTGRES, MARIADB];
