import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';

/** Where an account provider's credentials come from. */
export type AccountCredentials =
  /** Assume the account's deploy role from the credentials Terraform runs with (workstation, entry role). */
  | { readonly kind: 'assume-role'; readonly deployRoleArn: string; readonly sessionName: string }
  /**
   * An AWS config file that already yields the deploy role's credentials, such as the one Terraform
   * Cloud writes for a tagged dynamic-credentials configuration. The value may be a Terraform expression.
   */
  | { readonly kind: 'shared-config-file'; readonly path: string };

export interface AccountProviderProps {
  /** Provider alias; resources pick the account by passing this provider. */
  readonly alias: string;
  /** The only account this provider may act in (`allowed_account_ids`). */
  readonly accountId: string;
  readonly credentials: AccountCredentials;
  readonly region: string;
  /** Tags added to every taggable resource of this provider. @default - none */
  readonly defaultTags?: Readonly<Record<string, string>>;
}

/**
 * An aliased AWS provider for one account that refuses any other account, so a wrong role, profile
 * or credentials file fails the plan instead of changing the wrong account.
 *
 * @example
 * const payments = accountProvider(stack, 'payments', {
 *   alias: 'workload-payments', accountId, region,
 *   credentials: { kind: 'assume-role', deployRoleArn, sessionName: 'credential-rotation-prod' },
 * });
 */
export function accountProvider(scope: Construct, id: string, props: AccountProviderProps): AwsProvider {
  const { credentials } = props;
  return new AwsProvider(scope, id, {
    alias: props.alias,
    region: props.region,
    allowedAccountIds: [props.accountId],
    ...(credentials.kind === 'assume-role'
      ? { assumeRole: [{ roleArn: credentials.deployRoleArn, sessionName: credentials.sessionName }] }
      : { sharedConfigFiles: [credentials.path] }),
    ...(props.defaultTags !== undefined ? { defaultTags: [{ tags: { ...props.defaultTags } }] } : {}),
  });
}
