import {
  CLONE_SUFFIX,
  alternateUsername,
  familyOf,
  maxUsernameLength,
  usernameLength,
} from '@credential-rotation/engine-adapters';
import { CredentialsMismatchError, InvalidSecretError } from './errors';
import type { DatabaseSecret } from './secret';

/** True for `<base>_clone`. */
export function isCloneName(username: string): boolean {
  return username.length > CLONE_SUFFIX.length && username.endsWith(CLONE_SUFFIX);
}

/** The user whose privileges the alternating pair shares: the name without `_clone`. */
export function baseUsername(username: string): string {
  return isCloneName(username) ? username.slice(0, -CLONE_SUFFIX.length) : username;
}

/** The other user of the alternating pair: `user` <-> `user_clone`. */
export function otherUsername(username: string): string {
  return alternateUsername(username);
}

/** The username the next version gets: the same user, or the other one for alternating users. */
export function nextUsername(current: DatabaseSecret): string {
  return current.rotationStrategy === 'alternating-users'
    ? otherUsername(current.username)
    : current.username;
}

/**
 * Refuses, before any connection, a username the secret's engine cannot hold: PostgreSQL 63
 * bytes, MySQL and Aurora MySQL 32 characters, MariaDB 80. For alternating users the other
 * user of the pair (`<base>_clone`) is checked too. The error names `version`, the version
 * the value was read from, and only the fix that applies to the secret's strategy.
 *
 * @example
 * checkUsernames(current, 'AWSCURRENT');
 */
export function checkUsernames(secret: DatabaseSecret, version: string): void {
  const limit = maxUsernameLength(secret.engine);
  const unit = familyOf(secret.engine) === 'postgres' ? 'bytes' : 'characters';
  const length = (name: string): number => usernameLength(familyOf(secret.engine), name);
  const alternating = secret.rotationStrategy === 'alternating-users';
  const base = baseUsername(secret.username);
  const baseLimit = limit - length(CLONE_SUFFIX);
  if (!alternating && length(secret.username) > limit) {
    throw new InvalidSecretError(
      version,
      'username',
      `is ${length(secret.username)} ${unit} long; ${secret.engine} allows at most ${limit}: ` +
        `rename the database user to at most ${limit} ${unit} and store the new name in AWSCURRENT`,
    );
  }
  if (alternating && length(`${base}${CLONE_SUFFIX}`) > limit) {
    throw new InvalidSecretError(
      version,
      'username',
      `gives the alternating-users pair ${JSON.stringify(base)} / ${JSON.stringify(`${base}${CLONE_SUFFIX}`)}, ` +
        `whose ${CLONE_SUFFIX} user is ${length(`${base}${CLONE_SUFFIX}`)} ${unit} long; ${secret.engine} allows at most ${limit}: ` +
        `shorten the base username to at most ${baseLimit} ${unit}`,
    );
  }
}

/**
 * Refuses, before any connection, a pending version that points somewhere else than the
 * current one or breaks the username rules: single user keeps the username; alternating
 * users use the current username or the other one of the pair.
 */
export function checkPendingMatchesCurrent(current: DatabaseSecret, pending: DatabaseSecret): void {
  for (const field of ['engine', 'host', 'port', 'dbname', 'masterarn', 'rotationStrategy'] as const) {
    if (current[field] !== pending[field]) {
      throw new CredentialsMismatchError(
        `AWSPENDING and AWSCURRENT disagree on ${field}; refusing to rotate. Fix the secret, then start a new rotation.`,
      );
    }
  }
  if (current.ssl !== false && pending.ssl === false) {
    throw new CredentialsMismatchError(
      'AWSPENDING turns TLS off (ssl: false) while AWSCURRENT uses it; refusing to rotate.',
    );
  }
  const allowed =
    current.rotationStrategy === 'alternating-users'
      ? [current.username, otherUsername(current.username)]
      : [current.username];
  if (!allowed.includes(pending.username)) {
    throw new CredentialsMismatchError(
      current.rotationStrategy === 'alternating-users'
        ? 'AWSPENDING username is neither the AWSCURRENT user nor its _clone partner; refusing to rotate.'
        : 'AWSPENDING username differs from AWSCURRENT; single-user rotation keeps the username. Refusing to rotate.',
    );
  }
}
