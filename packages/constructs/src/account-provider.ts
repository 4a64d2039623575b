import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';

export interface AccountProviderProps {
  /** Provider alias; resources pick the account by passing this provider. */
  readonly alias: string;
  /** The only account this provider may act in (`allowed_account_ids`). */
  readonly accountId: string;
  /** Role Terraform assumes in the account. */
  readonly deployRoleArn: string;
  readonly region: string;
  /** Session name seen in CloudTrail, e.g. `credential-rotation-prod`. */
  readonly sessionName: string;
  /** Tags added to every taggable resource of this provider. @default - none */
  readonly defaultTags?: Readonly<Record<string, string>>;
}

/**
 * An aliased AWS provider that assumes the account's deploy role and refuses any other account,
 * so a wrong role or profile fails the plan instead of changing the wrong account.
 *
 * @example const payments = accountProvider(stack, 'payments', { alias: 'payments', accountId, ... });
 */
export function accountProvider(scope: Construct, id: string, props: AccountProviderProps): AwsProvider {
  return new AwsProvider(scope, id, {
    alias: props.alias,
    region: props.region,
    allowedAccountIds: [props.accountId],
    assumeRole: [{ roleArn: props.deployRoleArn, sessionName: props.sessionName }],
    ...(props.defaultTags !== undefined ? { defaultTags: [{ tags: { ...props.defaultTags } }] } : {}),
  });
}
