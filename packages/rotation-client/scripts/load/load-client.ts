import type { EngineFamily } from '../../src/types/secret';

/** One client under load: each call opens a NEW connection, runs one query, closes it. */
export interface LoadClient {
  readonly name: string;
  readonly family: EngineFamily;
  /** Opens a connection, queries, closes; resolves the connect latency in ms. */
  connectAndQuery(): Promise<number>;
  /** Connection attempts retried so far (0 for clients that never retry). */
  retries(): number;
  /** GetSecretValue calls made so far. */
  secretReads(): number;
  close(): Promise<void>;
}

/** What every client needs to reach the secret and verify the server. */
export interface LoadClientProps {
  readonly secretId: string;
  readonly family: EngineFamily;
  /** Secrets Manager endpoint (moto, or a proxy in front of it). */
  readonly endpoint: string;
  readonly region: string;
  /** PEM of the CA that signed the test server's certificate. */
  readonly caPem: string;
  /** Most connections open at once. */
  readonly maxConnections: number;
}

/** Static dummy credentials for the local Secrets Manager endpoint. */
export const LOCAL_AWS_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;
