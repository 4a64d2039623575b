/**
 * The allow-lists of the environment and what they make worth attacking, derived in one place.
 *
 * Every exemption in the guardrails names a principal. Each such principal, and every resource
 * that runs code as one, is a way around every guard unless it is guarded too: rewrite the deploy
 * role's trust and assume it, or replace the rotation function's code and read every password as
 * the rotation role. So the guardrails take both their exemptions ({@link AllowLists}) and the
 * resources they protect ({@link GuardedSet}) from here, and {@link unguardedMembers} reports any
 * allow-listed principal or executor that no guard covers (synth fails on it).
 */
import {
  AUDIT_ROLE_PATH,
  breakGlassRoleArn,
  GovernanceConfigError,
  planRoleArn,
  ROLE_PATHS,
  resourceName,
} from '@credential-rotation/environment-config';
import type { DeployRolePrincipals } from './guardrail-policies';

/** What the allow-lists are built from. */
export interface AllowListInputs {
  /** `aws`, `aws-cn` or `aws-us-gov`. */
  readonly partition: string;
  /** Environment name: prefixes the names of the executors and the alert path. */
  readonly environment: string;
  /** The deploy roles of the environment's accounts. */
  readonly deployRoles: DeployRolePrincipals;
  /** Name of the break-glass reader role in each workload account. */
  readonly breakGlassReaderRoleName: string;
  /** The central break-glass role: the only principal that may assume the readers. */
  readonly breakGlassCentralRoleArn: string;
}

/** Every exemption the guardrails grant, as `aws:PrincipalArn` values (exact ARNs or ArnLike patterns). */
export interface AllowLists {
  /** May read secret values (read SCP; the secret and key policies repeat it per account). */
  readonly valueReaders: readonly string[];
  /**
   * May read a value only by version id, never by staging label or in a batch (read SCP): the deploy
   * roles and their plan roles (Terraform Cloud's plan phase), for Terraform's refresh of the metadata
   * version it wrote. Each secret's policy pins the id to that version, so AWSCURRENT, AWSPENDING and
   * AWSPREVIOUS stay out of reach. The plan roles are version readers only: no change guard exempts
   * them, and being allow-listed makes them guarded roles like every other member.
   */
  readonly versionReaders: readonly string[];
  /** The plan roles of the deploy roles (`arn:<p>:iam::<acct or *>:role/tfc-plan/<name>-plan`): version readers only. */
  readonly planRoles: readonly string[];
  /** May write values and move stages of managed secrets. */
  readonly valueWriters: readonly string[];
  /** May change anything guarded: the deploy roles, and nobody else. */
  readonly deployers: readonly string[];
  /** The break-glass reader roles (value readers only the central role may assume). */
  readonly readers: readonly string[];
  /** May assume the break-glass reader roles. */
  readonly readerAssumers: readonly string[];
}

/** A resource that runs code as an allow-listed principal. */
export interface Executor {
  /** What it is, for messages and docs. */
  readonly description: string;
  /** ARN pattern of the resources (every region and account of the OUs). */
  readonly arnPattern: string;
  /** The allow-listed role pattern it runs as. */
  readonly runsAs: string;
}

/** What the guardrails must protect from everyone but the deploy roles. */
export interface GuardedSet {
  /** Role ARN patterns covering every allow-listed principal: nobody else changes, replaces or re-trusts them. */
  readonly roles: readonly string[];
  /** Resources that execute as an allow-listed principal: nobody else changes or invokes them. */
  readonly executors: readonly Executor[];
}

/**
 * Role paths guarded as a whole: the allow-listed paths, and the audit role's path (not on any
 * value-read allow-list, but it reads every secret's metadata and CloudTrail, and trusts the auditors).
 */
export const PROTECTED_ROLE_PATHS: readonly string[] = [...Object.values(ROLE_PATHS), AUDIT_ROLE_PATH];

/** ARN pattern for every role under `path` in any account of the OU. */
export function rolePathPattern(partition: string, path: string): string {
  return `arn:${partition}:iam::*:role${path}*`;
}

/**
 * The environment's allow-lists.
 *
 * @example allowLists(inputs).versionReaders // ['arn:aws:iam::*:role/deploy/d', 'arn:aws:iam::*:role/tfc-plan/d-plan']
 */
export function allowLists(inputs: AllowListInputs): AllowLists {
  const { partition } = inputs;
  const deployers = [...inputs.deployRoles.arnPatterns];
  const rotation = rolePathPattern(partition, ROLE_PATHS.rotation);
  const reader = breakGlassRoleArn(partition, '*', inputs.breakGlassReaderRoleName);
  const planRoles = deployers.map((deployer) => planRoleArn(deployer));
  return {
    valueReaders: [rolePathPattern(partition, ROLE_PATHS.workload), rotation, reader],
    versionReaders: [...deployers, ...planRoles],
    planRoles,
    valueWriters: [...deployers, rotation],
    deployers,
    readers: [reader],
    readerAssumers: [inputs.breakGlassCentralRoleArn],
  };
}

/** Name prefix of the rotation functions (`<env>-secrets-rotation-<workload>`), shared with RotationFunction. */
export function rotationFunctionNamePrefix(environment: string): string {
  return `${resourceName(environment, 'secrets-rotation')}-`;
}

/**
 * The resources that run code as an allow-listed role. Today: the rotation functions, whose role
 * (`/secrets-rotation/`) reads every managed secret of its account and the RDS master secrets.
 */
export function executors(inputs: AllowListInputs): Executor[] {
  const { partition, environment } = inputs;
  return [
    {
      description: 'rotation functions',
      arnPattern: `arn:${partition}:lambda:*:*:function:${rotationFunctionNamePrefix(environment)}*`,
      runsAs: rolePathPattern(partition, ROLE_PATHS.rotation),
    },
  ];
}

/**
 * The guarded set: the protected role paths, plus every allow-listed principal they do not cover
 * (the deploy roles and their plan roles), plus the executors.
 *
 * @example guardedSet(inputs).roles // ['arn:aws:iam::*:role/workload/*', ..., 'arn:aws:iam::*:role/deploy/d']
 */
export function guardedSet(inputs: AllowListInputs): GuardedSet {
  const lists = allowLists(inputs);
  const paths = PROTECTED_ROLE_PATHS.map((path) => rolePathPattern(inputs.partition, path));
  const members = allowListMembers(lists);
  const uncovered = members.filter((member) => !paths.some((path) => arnPatternCovers(path, member)));
  return { roles: [...new Set([...paths, ...uncovered])], executors: executors(inputs) };
}

/**
 * Allow-listed principals and executors that no guard covers: each one is a way around every
 * guard. Empty when the guardrails are complete.
 *
 * @example unguardedMembers(allowLists(inputs), executors(inputs), { roles: [...], functions: [...] }) // []
 */
export function unguardedMembers(
  lists: AllowLists,
  executorList: readonly Executor[],
  guards: { readonly roles: readonly string[]; readonly functions: readonly string[] },
): string[] {
  const members = allowListMembers(lists);
  const roles = members.filter((member) => !guards.roles.some((guard) => arnPatternCovers(guard, member)));
  const runners = executorList.filter(
    (executor) =>
      !guards.functions.some((guard) => arnPatternCovers(guard, executor.arnPattern)) ||
      !members.includes(executor.runsAs),
  );
  return [...roles.map((role) => `role ${role}`), ...runners.map((e) => `${e.description} ${e.arnPattern}`)];
}

/** Throws when {@link unguardedMembers} finds anything: a guard that exempts a principal must guard it too. */
export function assertEveryMemberGuarded(
  lists: AllowLists,
  executorList: readonly Executor[],
  guards: { readonly roles: readonly string[]; readonly functions: readonly string[] },
): void {
  const missing = unguardedMembers(lists, executorList, guards);
  if (missing.length > 0) {
    throw new GovernanceConfigError(
      `allow-listed but unguarded: ${missing.join(', ')}: add it to the guarded set (governance/guarded-set.ts)`,
    );
  }
}

/** Every principal on any allow-list, once. */
export function allowListMembers(lists: AllowLists): string[] {
  return [
    ...new Set([
      ...lists.valueReaders,
      ...lists.versionReaders,
      ...lists.valueWriters,
      ...lists.deployers,
      ...lists.readers,
      ...lists.readerAssumers,
    ]),
  ];
}

/**
 * Whether the ArnLike pattern `guard` matches every ARN that `member` (itself an ARN or a
 * pattern) can match. A `*` in the member is taken literally, so only a guard wildcard covers it.
 *
 * @example arnPatternCovers('arn:aws:iam::*:role/workload/*', 'arn:aws:iam::1:role/workload/app') // true
 */
export function arnPatternCovers(guard: string, member: string): boolean {
  const source = guard
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(member);
}
