/**
 * `kms:EncryptionContext:<key>` conditions, evaluated before the simulator runs.
 *
 * The simulator accepts variable context keys only in the `prefix/<name>` form, so it drops
 * `kms:EncryptionContext:SecretARN` and a key policy conditioned on it could never allow
 * anything. This module decides those conditions itself (StringEquals and StringLike, the
 * operators the stacks use; anything else throws) and hands the simulator the policy with
 * each decided condition removed, or the statement removed when its condition cannot match.
 */
import { PolicyEvaluationError } from './errors';
import type { PolicyJson } from './stack-policies';

export const ENCRYPTION_CONTEXT_PREFIX = 'kms:encryptioncontext:';

type ContextValues = Readonly<Record<string, string | readonly string[]>>;

/** Splits the encryption-context keys out of a request context. */
export function splitEncryptionContext(context: ContextValues): {
  encryptionContext: Record<string, string>;
  rest: Record<string, string | readonly string[]>;
} {
  const encryptionContext: Record<string, string> = {};
  const rest: Record<string, string | readonly string[]> = {};
  for (const [key, value] of Object.entries(context)) {
    if (key.toLowerCase().startsWith(ENCRYPTION_CONTEXT_PREFIX) && typeof value === 'string') {
      encryptionContext[key.slice(ENCRYPTION_CONTEXT_PREFIX.length).toLowerCase()] = value;
    } else rest[key] = value;
  }
  return { encryptionContext, rest };
}

/** The policy with every encryption-context condition decided against `encryptionContext`. */
export function applyEncryptionContext(
  policy: PolicyJson,
  encryptionContext: Record<string, string>,
): PolicyJson {
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  const kept: PolicyJson[] = [];
  for (const statement of statements) {
    const decided = decideStatement(statement, encryptionContext);
    if (decided !== undefined) kept.push(decided);
  }
  return { ...policy, Statement: kept };
}

function decideStatement(
  statement: PolicyJson,
  encryptionContext: Record<string, string>,
): PolicyJson | undefined {
  if (statement.Condition === undefined) return statement;
  const condition: Record<string, Record<string, unknown>> = {};
  for (const [operator, entries] of Object.entries(
    statement.Condition as Record<string, Record<string, unknown>>,
  )) {
    const remaining: Record<string, unknown> = {};
    for (const [key, expected] of Object.entries(entries)) {
      if (!key.toLowerCase().startsWith(ENCRYPTION_CONTEXT_PREFIX)) {
        remaining[key] = expected;
        continue;
      }
      const actual = encryptionContext[key.slice(ENCRYPTION_CONTEXT_PREFIX.length).toLowerCase()];
      // A condition that cannot match makes the whole statement not apply, for Allow and Deny alike.
      if (!matches(operator, actual, expected)) return undefined;
    }
    if (Object.keys(remaining).length > 0) condition[operator] = remaining;
  }
  const { Condition: _dropped, ...rest } = statement;
  return Object.keys(condition).length > 0 ? { ...rest, Condition: condition } : rest;
}

function matches(operator: string, actual: string | undefined, expected: unknown): boolean {
  const values = (Array.isArray(expected) ? expected : [expected]).map(String);
  if (actual === undefined) return false;
  switch (operator) {
    case 'StringEquals':
      return values.includes(actual);
    case 'StringLike':
      return values.some((pattern) => wildcard(pattern).test(actual));
    default:
      throw new PolicyEvaluationError(
        `encryption-context condition with ${operator} is not supported by the policy tests; add it to encryption-context.ts`,
      );
  }
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}
