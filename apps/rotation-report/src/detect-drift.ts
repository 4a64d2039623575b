import { EXPECTED_POLICY_SIDS } from './constants';
import { normalizeSchedule } from './schedule-period';
import type { ExpectedSecret, ObservedSecret } from './types';

/**
 * Differences between what the stack writes for a secret and what the account holds, one short
 * sentence each (no values: names, tags, ARNs and schedules only). `keyId` is the key the
 * account's secrets alias points to: undefined when the alias is missing, null when unknown.
 *
 * @example detectDrift(expected, observed, 'key-id') // ['rotation disabled', 'tag critical is "false", expected "true"']
 */
export function detectDrift(
  expected: ExpectedSecret,
  observed: ObservedSecret,
  keyId: string | undefined | null,
): string[] {
  const drift: string[] = [];
  if (observed.deletedDate !== undefined) {
    drift.push(`scheduled for deletion on ${observed.deletedDate.toISOString()}`);
  }
  if (!expected.replica) {
    drift.push(...rotationDrift(expected, observed));
    drift.push(...policyDrift(observed));
  }
  drift.push(...keyDrift(expected, observed, keyId));
  for (const [key, value] of Object.entries(expected.tags)) {
    const actual = observed.tags[key];
    if (actual === undefined) drift.push(`tag ${key} missing, expected "${value}"`);
    else if (actual !== value) drift.push(`tag ${key} is "${actual}", expected "${value}"`);
  }
  return drift;
}

function rotationDrift(expected: ExpectedSecret, observed: ObservedSecret): string[] {
  const drift: string[] = [];
  if (observed.rotationEnabled !== true) drift.push('rotation disabled');
  const schedule = normalizeSchedule(observed.scheduleExpression, observed.automaticallyAfterDays);
  const wanted = normalizeSchedule(expected.schedule, undefined);
  if (schedule !== undefined && schedule !== wanted) {
    drift.push(`schedule is ${schedule}, expected ${wanted}`);
  }
  // The window is compared only when the service reports one: schedules set as a day count have none.
  if (observed.duration !== undefined && observed.duration !== `${expected.windowHours}h`) {
    drift.push(`rotation window is ${observed.duration}, expected ${expected.windowHours}h`);
  }
  if (observed.rotationLambdaArn !== undefined && observed.rotationLambdaArn !== expected.rotationLambdaArn) {
    drift.push(`rotation function is ${observed.rotationLambdaArn}, expected ${expected.rotationLambdaArn}`);
  } else if (observed.rotationLambdaArn === undefined && observed.rotationEnabled === true) {
    drift.push(`no rotation function, expected ${expected.rotationLambdaArn}`);
  }
  return drift;
}

function policyDrift(observed: ObservedSecret): string[] {
  if (observed.policySids === null || observed.policySids === undefined) return [];
  if (observed.policySids.length === 0) return ['no resource policy'];
  const missing = EXPECTED_POLICY_SIDS.filter((sid) => !observed.policySids?.includes(sid));
  return missing.length === 0 ? [] : [`resource policy lacks ${missing.join(', ')}`];
}

function keyDrift(
  expected: ExpectedSecret,
  observed: ObservedSecret,
  keyId: string | undefined | null,
): string[] {
  if (
    observed.kmsKeyId === undefined ||
    observed.kmsKeyId === '' ||
    observed.kmsKeyId === 'alias/aws/secretsmanager'
  ) {
    return [`encrypted with aws/secretsmanager, expected ${expected.keyAlias}`];
  }
  if (keyId === null) return [];
  if (keyId === undefined) return [`${expected.keyAlias} does not exist`];
  const matches =
    observed.kmsKeyId === keyId ||
    observed.kmsKeyId.endsWith(`/${keyId}`) ||
    observed.kmsKeyId === expected.keyAlias;
  return matches ? [] : [`encrypted with ${observed.kmsKeyId}, expected ${expected.keyAlias}`];
}
