import type { ConnectionTarget } from './errors';
import { tlsSettings, type TlsSettings } from './tls';
import type { ConnectOptions, DatabaseCredentials, EngineFamily } from './types/adapter';
import { assertValidCredentials, resolveConnectOptions, type ResolvedConnectOptions } from './validation';

/** What every adapter settles before it opens a connection, the same way for both families. */
export interface ConnectionPlan {
  readonly options: ResolvedConnectOptions;
  /** Where the connection goes, without the password: what errors and logs may name. */
  readonly target: ConnectionTarget;
  /** Verified TLS settings, or undefined when the secret says `"ssl": false`. */
  readonly tls: TlsSettings | undefined;
}

/**
 * Validates the credentials for `family`, resolves the timeouts and TLS. Driver-neutral: it loads
 * neither pg nor mysql2, so each family's adapter module can use it without pulling in the other.
 *
 * @example const { options, target, tls } = planConnection('postgres', credentials, connectOptions);
 */
export function planConnection(
  family: EngineFamily,
  credentials: DatabaseCredentials,
  options?: ConnectOptions,
): ConnectionPlan {
  assertValidCredentials(family, credentials);
  const resolved = resolveConnectOptions(options);
  return {
    options: resolved,
    target: {
      engine: credentials.engine,
      host: credentials.host,
      port: credentials.port,
      username: credentials.username,
    },
    tls: tlsSettings(credentials.ssl, resolved.ca),
  };
}
