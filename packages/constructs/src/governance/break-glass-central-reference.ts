import type { EnvironmentConfig } from '@credential-rotation/environment-config';
import { breakGlassRoleArn, partitionOf, resourceName } from '@credential-rotation/environment-config';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';

/**
 * What a workload account needs of the central break-glass role: its ARN (the reader role trusts
 * it) and the reader role name. A workload stack of the `stack-per-account` layout builds this from
 * the config ({@link breakGlassCentralReference}) instead of a Terraform reference to another stack's
 * role, so each stack plans on its own; {@link BreakGlassCentralRole} satisfies it in one stack.
 */
export interface BreakGlassCentralReference {
  /** ARN of the central role in the security account. */
  readonly roleArn: string;
  /** Name of the reader role in each workload account. */
  readonly readerRoleName: string;
  /**
   * The central role when it is in the same stack: the reader role then depends on it, because IAM
   * refuses a trust policy naming a principal that does not exist yet.
   * @default - another stack creates it; that stack's deploy must come first (addDependency)
   */
  readonly role?: IamRole;
}

/**
 * The central role as the config names it, for a stack that does not hold it.
 *
 * @example breakGlassCentralReference('prod', config, 'BreakGlassSecretReader').roleArn
 * // 'arn:aws:iam::222222222222:role/breakglass/prod-breakglass-central'
 */
export function breakGlassCentralReference(
  environment: string,
  config: EnvironmentConfig,
  readerRoleName: string,
): BreakGlassCentralReference {
  return {
    roleArn: breakGlassRoleArn(
      partitionOf(config.region),
      config.accounts.security.accountId,
      centralRoleName(environment),
    ),
    readerRoleName,
  };
}

/** Name of the central break-glass role (path /breakglass/) in the security account. */
export function centralRoleName(environment: string): string {
  return resourceName(environment, 'breakglass-central');
}

/**
 * ARN of the security account's break-glass alert bus, which the workload accounts forward to.
 *
 * @example breakGlassAlertBusArn('prod', config)
 * // 'arn:aws:events:eu-west-1:222222222222:event-bus/prod-breakglass-alerts'
 */
export function breakGlassAlertBusArn(environment: string, config: EnvironmentConfig): string {
  return `arn:${partitionOf(config.region)}:events:${config.region}:${config.accounts.security.accountId}:event-bus/${breakGlassAlertsName(environment)}`;
}

/** Name shared by the alert bus, topic and key alias in the security account. */
export function breakGlassAlertsName(environment: string): string {
  return resourceName(environment, 'breakglass-alerts');
}
