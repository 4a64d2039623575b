import { CLONE_SUFFIX, alternateUsername, usernameLength } from '@credential-rotation/engine-adapters';
import type { EngineAdapter } from '@credential-rotation/engine-adapters';
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

/** Refuses a username longer than the engine allows (PostgreSQL counts bytes, MySQL characters). */
export function checkUsernameLength(adapter: EngineAdapter, username: string, version: string): void {
  const length = usernameLength(adapter.family, username);
  if (length > adapter.maxUsernameLength) {
    const unit = adapter.family === 'postgres' ? 'bytes' : 'characters';
    throw new InvalidSecretError(
      version,
      'username',
      `is ${length} ${unit} long; the engine allows ${adapter.maxUsernameLength}` +
        ' (alternating users add the _clone suffix: shorten the base username)',
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
