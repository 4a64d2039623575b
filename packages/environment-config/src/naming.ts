/**
 * Names are a contract: every name of an AWS object comes from these helpers, and each carries
 * the environment, so the dev, staging and prod states never manage the same object.
 */
import { ROLE_PATHS } from './constants';
import { ResourceNameError } from './errors';

const NAME_PART = /^[a-z0-9][a-z0-9-]*$/;

/** Longest name accepted by the strictest consumer (IAM role and Lambda function names: 64). */
export const MAX_RESOURCE_NAME_LENGTH = 64;

/**
 * The name of an environment-scoped AWS object: `<env>-<part>-<part>...`.
 *
 * @example resourceName('prod', 'secrets-rotation', 'payments') // 'prod-secrets-rotation-payments'
 */
export function resourceName(environment: string, ...parts: readonly string[]): string {
  for (const part of [environment, ...parts]) {
    if (!NAME_PART.test(part)) {
      throw new ResourceNameError(`name part "${part}" must be lower-case letters, digits and dashes`);
    }
  }
  const name = [environment, ...parts].join('-');
  if (name.length > MAX_RESOURCE_NAME_LENGTH) {
    throw new ResourceNameError(`name "${name}" is longer than ${MAX_RESOURCE_NAME_LENGTH} characters`);
  }
  return name;
}

/**
 * The Secrets Manager name of one database user's secret: `<env>/rds/<database>/<username>`.
 * The `<env>/rds/` prefix is what the rotation role's policy and the alarms match on.
 *
 * @example secretName('prod', 'orders', 'orders_app') // 'prod/rds/orders/orders_app'
 */
export function secretName(environment: string, database: string, username: string): string {
  return `${secretNamePrefix(environment)}${database}/${username}`;
}

/** The prefix every managed secret of an environment shares: `<env>/rds/`. */
export function secretNamePrefix(environment: string): string {
  return `${environment}/rds/`;
}

/** `aws`, `aws-cn` or `aws-us-gov`, from the region name. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * The partition's global region: where CloudTrail records IAM calls and calls to the global STS
 * endpoint, and where EventBridge delivers IAM's events.
 *
 * @example globalRegionOf('aws') // 'us-east-1'
 */
export function globalRegionOf(partition: string): string {
  if (partition === 'aws-cn') return 'cn-north-1';
  if (partition === 'aws-us-gov') return 'us-gov-west-1';
  return 'us-east-1';
}

/**
 * ARN of an application role that may read a secret: `arn:<partition>:iam::<account>:role/workload/<name>`.
 *
 * @example workloadRoleArn('aws', '111111111111', 'orders-api')
 */
export function workloadRoleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role${ROLE_PATHS.workload}${roleName}`;
}

/**
 * ARN of a break-glass role (the central role, the readers, the alert forwarder):
 * `arn:<partition>:iam::<account>:role/breakglass/<name>`. `accountId` may be `*` in a pattern.
 *
 * @example breakGlassRoleArn('aws', '333333333333', 'BreakGlassSecretReader')
 */
export function breakGlassRoleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role${ROLE_PATHS.breakGlass}${roleName}`;
}

/**
 * Provider alias of a workload account in an environment stack; also the Terraform Cloud
 * dynamic-credentials tag source (see {@link dynamicCredentialsTag}).
 *
 * @example workloadProviderAlias('payments') // 'workload-payments'
 */
export function workloadProviderAlias(workloadName: string): string {
  return `workload-${workloadName}`;
}

/**
 * The Terraform Cloud dynamic-credentials tag of a provider alias: Terraform Cloud accepts letters,
 * digits and `_`, so anything else becomes `_`. The workspace variables (`TFC_AWS_PROVIDER_AUTH_<tag>`)
 * and the provider's `var.tfc_aws_dynamic_credentials.aliases["<tag>"]` must use the same tag.
 *
 * @example dynamicCredentialsTag('workload-payments') // 'workload_payments'
 */
export function dynamicCredentialsTag(providerAlias: string): string {
  return providerAlias.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Path of the read-only audit role: not on any value-read allow-list, but guarded like the roles that are. */
export const AUDIT_ROLE_PATH = '/audit/';

/**
 * ARN of the read-only audit role of a workload account, which `credential-rotation report` assumes:
 * `arn:<partition>:iam::<account>:role/audit/<env>-rotation-audit`.
 *
 * @example auditRoleArn('aws', '666666666666', 'prod') // 'arn:aws:iam::666666666666:role/audit/prod-rotation-audit'
 */
export function auditRoleArn(partition: string, accountId: string, environment: string): string {
  return `arn:${partition}:iam::${accountId}:role${AUDIT_ROLE_PATH}${resourceName(environment, 'rotation-audit')}`;
}

/**
 * Path of the Terraform Cloud plan roles. No value-read allow-list names it as a path: the plan
 * roles are matched by exact name (see {@link planRoleArn}) and only as version readers, beside
 * the deploy roles they are derived from.
 */
export const PLAN_ROLE_PATH = '/tfc-plan/';

/** A plan role's name is its account's deploy role name with this suffix. */
export const PLAN_ROLE_NAME_SUFFIX = '-plan';

const DEPLOY_ROLE_ARN = /^arn:(aws[\w-]*):iam::(\d{12}|\*):role(\/(?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;

/**
 * The plan role of the account whose deploy role is `deployRoleArn`: same partition, account and
 * name with `-plan`, under `/tfc-plan/`. The account may be `*` (an account-wildcard deploy role
 * pattern gives the matching plan role pattern). Terraform Cloud's plan phase runs as it
 * (apps/tfc-bootstrap creates it); the guardrails let it read what the deploy role reads on
 * refresh, the metadata version by id, and nothing else.
 *
 * @example
 * planRoleArn('arn:aws:iam::111111111111:role/deploy/credential-rotation-deploy')
 * // 'arn:aws:iam::111111111111:role/tfc-plan/credential-rotation-deploy-plan'
 */
export function planRoleArn(deployRoleArn: string): string {
  const match = DEPLOY_ROLE_ARN.exec(deployRoleArn);
  if (match === null) {
    throw new ResourceNameError(
      `deploy role ${JSON.stringify(deployRoleArn)} is not an IAM role ARN like arn:aws:iam::111111111111:role/deploy/name; fix deployRoleArn in the environment config.`,
    );
  }
  const [, partition = 'aws', account = '', , name = ''] = match;
  const planName = `${name}${PLAN_ROLE_NAME_SUFFIX}`;
  if (planName.length > MAX_RESOURCE_NAME_LENGTH) {
    throw new ResourceNameError(
      `deploy role ${deployRoleArn}: its plan role name "${planName}" is longer than ${MAX_RESOURCE_NAME_LENGTH} characters; shorten the deploy role name to at most ${MAX_RESOURCE_NAME_LENGTH - PLAN_ROLE_NAME_SUFFIX.length}.`,
    );
  }
  return `arn:${partition}:iam::${account}:role${PLAN_ROLE_PATH}${planName}`;
}
