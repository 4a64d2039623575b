import type { ENGINES, SECRET_STAGES } from '../constants';

export type Engine = (typeof ENGINES)[number];

/** The driver families behind the engines. */
export type EngineFamily = 'postgres' | 'mysql';

export type SecretStage = (typeof SECRET_STAGES)[keyof typeof SECRET_STAGES];

/**
 * The SecretString of a database secret, parsed. `password` is non-enumerable on parsed values, so
 * `JSON.stringify`, `console.log` and structured loggers do not print it.
 */
export interface DatabaseSecret {
  readonly engine: Engine;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** @default - the engine's default database */
  readonly dbname?: string;
  /**
   * TLS with certificate verification unless explicitly `false`.
   * @default true
   */
  readonly ssl?: boolean;
  /** ARN of the master secret used by alternating-users rotation; the client ignores it. */
  readonly masterarn?: string;
}

/** Credentials chosen for one connection attempt, with where they came from. */
export interface ResolvedCredentials {
  readonly secret: DatabaseSecret;
  readonly versionId: string;
  readonly stage: SecretStage;
}
