import * as z from 'zod/mini';
import { ROTATION_STEPS } from './constants';
import type { RotationStep } from './constants';
import { InvalidEventError } from './errors';

/** What Secrets Manager sends the rotation function. */
export interface RotationEvent {
  readonly Step: RotationStep;
  /** ARN or name of the secret being rotated. */
  readonly SecretId: string;
  /** The version id of the new secret version (AWSPENDING). */
  readonly ClientRequestToken: string;
  /**
   * Proves the call comes from this rotation; forwarded to PutSecretValue. Never logged.
   * @default - absent in same-account rotations without an assumed role
   */
  readonly RotationToken?: string;
}

const RULES = {
  Step: `must be one of ${ROTATION_STEPS.join(', ')}`,
  SecretId: 'must be a non-empty secret ARN or name',
  ClientRequestToken: 'must be a version id of 32 to 64 characters without spaces',
  RotationToken: 'must be a non-empty string when present',
} as const;

const eventSchema = z.object({
  Step: z.enum(ROTATION_STEPS),
  SecretId: z.string().check(z.regex(/^\S{1,2048}$/)),
  ClientRequestToken: z.string().check(z.regex(/^\S{32,64}$/)),
  RotationToken: z.optional(z.string().check(z.minLength(1))),
});

/**
 * Validates the invocation event. Errors name the field and the rule, never the value.
 *
 * @example
 * const event = parseRotationEvent({ Step: 'createSecret', SecretId: arn, ClientRequestToken: token });
 */
export function parseRotationEvent(input: unknown): RotationEvent {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidEventError('(event)', 'must be an object');
  }
  const result = eventSchema.safeParse(input);
  if (result.success) return result.data;
  const field = String(result.error.issues[0]?.path[0] ?? '(event)') as keyof typeof RULES;
  const received = (input as Record<string, unknown>)[field];
  throw new InvalidEventError(field, received === undefined ? 'is required' : (RULES[field] ?? 'is invalid'));
}
