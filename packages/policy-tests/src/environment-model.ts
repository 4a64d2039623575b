/**
 * What the scenarios need to know about one environment: its config (the source of truth
 * for who should get in) and its synthesized policies (what the stack actually says).
 */
import { join } from 'node:path';
import type { EnvironmentConfig } from '@credential-rotation/environment-config';
import { parseEnvironment, ROLE_PATHS, TAG_KEYS } from '@credential-rotation/environment-config';
import { PolicyEvaluationError } from './errors';
import type { OrganizationModel } from './simulator';
import type { KeyModel, RoleModel, SecretModel, StackPolicies } from './stack-policies';
import { extractPolicies } from './stack-policies';
import type { SynthesizedStack } from './synthesized-stack';
import { REPO_ROOT } from './synthesized-stack';

export const PARTITION = 'aws';
/** An organization that is not ours, for the "from another organization" scenarios. */
export const FOREIGN_ORGANIZATION_ID = 'o-zz9zz9zz9zz9';
export const FOREIGN_ACCOUNT_ID = '999999999999';
/**
 * An account of our organization that sits in the environment's OUs without being one of its
 * accounts (a team's sandbox moved there, say): the SCPs govern it, the exemptions must not.
 */
export const STRAY_OU_ACCOUNT_ID = '454545454545';

export interface WorkloadModel {
  readonly name: string;
  readonly accountId: string;
  readonly deployRoleArn: string;
  readonly reader: RoleModel;
  readonly rotationRole?: RoleModel;
  /** Managed secrets of this account, each with the application role config names for it. */
  readonly secrets: readonly ManagedSecret[];
}

export interface ManagedSecret {
  readonly secret: SecretModel;
  readonly key: KeyModel;
  readonly username: string;
  readonly applicationRoleArn: string;
  readonly breakGlassReadable: boolean;
}

export interface EnvironmentModel {
  readonly environment: string;
  readonly config: EnvironmentConfig;
  readonly region: string;
  readonly organization: OrganizationModel;
  readonly policies: StackPolicies;
  readonly central: RoleModel;
  readonly workloads: readonly WorkloadModel[];
}

/** Loads `environments/<env>/config.ts` and validates it, as the infra app does. */
export function loadEnvironmentConfig(environment: string): EnvironmentConfig {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the config folder is not a package entry point
  const module = require(join(REPO_ROOT, 'environments', environment, 'config.ts')) as { default: unknown };
  return parseEnvironment(environment, module.default).config;
}

export function buildEnvironmentModel(stack: SynthesizedStack, config: EnvironmentConfig): EnvironmentModel {
  const policies = extractPolicies(stack);
  const environment = stack.environment;
  const find = (what: string, predicate: (role: RoleModel) => boolean): RoleModel => {
    const role = policies.roles.find(predicate);
    if (role === undefined) throw new PolicyEvaluationError(`${stack.file}: no ${what}`);
    return role;
  };
  const central = find(
    'central break-glass role',
    (r) =>
      r.accountId === config.accounts.security.accountId &&
      r.path === ROLE_PATHS.breakGlass &&
      r.name.endsWith('-breakglass-central'),
  );
  const firstOu = config.organization.targetOuIds[0] ?? 'ou-none';
  const workloads = config.accounts.workloads.map((workload): WorkloadModel => {
    const reader = find(
      `break-glass reader role in ${workload.name}`,
      (r) =>
        r.accountId === workload.accountId &&
        r.path === ROLE_PATHS.breakGlass &&
        r.name === 'BreakGlassSecretReader',
    );
    const rotationRole = policies.roles.find(
      (r) => r.accountId === workload.accountId && r.path === ROLE_PATHS.rotation,
    );
    const secrets = workload.databases.flatMap((database) =>
      database.users.map((user): ManagedSecret => {
        const name = `${environment}/rds/${database.name}/${user.username}`;
        const secret = policies.secrets.find((s) => s.accountId === workload.accountId && s.name === name);
        if (secret === undefined) throw new PolicyEvaluationError(`${stack.file}: no secret ${name}`);
        const key = policies.keys.find((k) => k.arn === secret.kmsKeyArn);
        if (key === undefined)
          throw new PolicyEvaluationError(`${stack.file}: secret ${name} has no key in the stack`);
        return {
          secret,
          key,
          username: user.username,
          applicationRoleArn: `arn:${PARTITION}:iam::${workload.accountId}:role${ROLE_PATHS.workload}${user.applicationRoleName}`,
          breakGlassReadable: secret.tags[TAG_KEYS.breakGlassReadable] === environment,
        };
      }),
    );
    return {
      name: workload.name,
      accountId: workload.accountId,
      deployRoleArn: workload.deployRoleArn,
      reader,
      ...(rotationRole !== undefined ? { rotationRole } : {}),
      secrets,
    };
  });
  const byType = (type: string) =>
    policies.organizationPolicies
      .filter((p) => p.type === type)
      .map((p) => ({ name: p.name, policy: p.document }));
  return {
    environment,
    config,
    region: config.region,
    policies,
    central,
    workloads,
    organization: {
      organizationId: config.organization.organizationId,
      accountOu: new Map([
        ...config.accounts.workloads.map((w): [string, string] => [w.accountId, firstOu]),
        [STRAY_OU_ACCOUNT_ID, firstOu],
      ]),
      serviceControlPolicies: byType('SERVICE_CONTROL_POLICY'),
      resourceControlPolicies: byType('RESOURCE_CONTROL_POLICY'),
    },
  };
}
