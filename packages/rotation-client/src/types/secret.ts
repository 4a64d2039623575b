import type { DatabaseCredentials } from '@credential-rotation/engine-adapters';
import type { SECRET_STAGES } from '../constants';

export type { Engine, EngineFamily } from '@credential-rotation/engine-adapters';

export type SecretStage = (typeof SECRET_STAGES)[keyof typeof SECRET_STAGES];

/**
 * The SecretString of a database secret, parsed: the connection fields every engine adapter takes
 * (`engine`, `host`, `port`, `username`, `password`, `dbname?`, `ssl?`; TLS verified unless `ssl` is
 * `false`) and `masterarn`. `password` is non-enumerable on parsed values, so `JSON.stringify`,
 * `console.log` and structured loggers do not print it.
 */
export interface DatabaseSecret extends DatabaseCredentials {
  /** ARN of the master secret used by alternating-users rotation; the client ignores it. */
  readonly masterarn?: string;
}

/** Credentials chosen for one connection attempt, with where they came from. */
export interface ResolvedCredentials {
  readonly secret: DatabaseSecret;
  readonly versionId: string;
  readonly stage: SecretStage;
}
