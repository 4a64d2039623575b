import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Connection facts about a running database server, as test files receive them. */
export interface DatabaseServerInfo {
  readonly engine: 'postgres' | 'mariadb';
  /** Always `127.0.0.1`. */
  readonly host: string;
  readonly port: number;
  /** An account with every privilege (PostgreSQL superuser; MariaDB `ALL ... WITH GRANT OPTION`). */
  readonly superuser: { readonly username: string; readonly password: string };
  /** PEM of the per-run CA that signed the server certificate (empty when started with `tls: false`). */
  readonly caPem: string;
}

/** A database server this process started. */
export interface DatabaseServer extends DatabaseServerInfo {
  /** Stops the server and starts it again with the same data directory and port. */
  restart(): Promise<void>;
  /** Stops the server, frees its port and removes its temporary directory. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartDatabaseOptions {
  /**
   * Serve TLS with a certificate signed by the per-run test CA.
   * @default true
   */
  readonly tls?: boolean;
}

/** Connection facts about a running moto server. */
export interface MotoServerInfo {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** `us-east-1` */
  readonly region: string;
  /** A real Secrets Manager client pointed at this moto server, with dummy static credentials. */
  client(): SecretsManagerClient;
  /** Clears all moto state (every secret of every test file sharing this server). */
  reset(): Promise<void>;
}

/** A moto server this process started. */
export interface MotoServer extends MotoServerInfo {
  stop(): Promise<void>;
}

/** What `readTestServices()` gives a test file when jest's global setup started the services. */
export interface TestServices {
  readonly postgres: DatabaseServerInfo;
  readonly mariadb: DatabaseServerInfo;
  readonly moto: MotoServerInfo;
}
