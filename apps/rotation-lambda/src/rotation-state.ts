import { VERSION_STAGES } from './constants';
import { RotationStateError } from './errors';
import type { SecretMetadata } from './secrets-store';

/**
 * The checks before every step. Returns `current` when the token is already AWSCURRENT
 * (the step is then a no-op: the rotation finished), `pending` when the step should run.
 */
export function checkRotationState(metadata: SecretMetadata, token: string): 'current' | 'pending' {
  if (!metadata.rotationEnabled) {
    throw new RotationStateError(`Rotation is not enabled for secret ${metadata.arn}.`);
  }
  const stages = metadata.versions.get(token);
  if (stages === undefined) {
    throw new RotationStateError(`Version ${token} is not a version of secret ${metadata.arn}.`);
  }
  if (stages.includes(VERSION_STAGES.current)) return 'current';
  if (!stages.includes(VERSION_STAGES.pending)) {
    throw new RotationStateError(
      `Version ${token} of secret ${metadata.arn} is not AWSPENDING: another rotation replaced it or it was never started.`,
    );
  }
  return 'pending';
}

/** The version id holding AWSCURRENT, if any. */
export function currentVersionId(metadata: SecretMetadata): string | undefined {
  for (const [id, stages] of metadata.versions) if (stages.includes(VERSION_STAGES.current)) return id;
  return undefined;
}
