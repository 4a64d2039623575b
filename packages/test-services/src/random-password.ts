import { randomBytes } from 'node:crypto';

/** A random password made of URL-safe base64 characters (safe in every config file we write). */
export function randomPassword(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
