import { ROLE_PATHS } from '@credential-rotation/environment-config';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import { forwarderPermissionsPolicy, forwarderTrustPolicy } from './break-glass-alert-policies';
import { forwarderRoleName } from './break-glass-alerts';
import { policyJson } from './policy-json';

export interface ForwarderRoleProps {
  readonly provider: AwsProvider;
  readonly environment: string;
  /** The account the role is in: EventBridge may assume it for that account's rules only. */
  readonly accountId: string;
  /** The rules that forward with it. */
  readonly ruleArns: readonly string[];
  /** The buses it may put events on. */
  readonly busArns: readonly string[];
  readonly description: string;
}

/**
 * The role EventBridge forwards alert events with, in `scope` under construct id `id` (its policy
 * as `PutEvents`): `<env>-breakglass-alert-forwarder` under `/breakglass/`, assumable by the given
 * rules only, allowed to put events on the given buses and nothing else.
 */
export function addForwarderRole(scope: Construct, id: string, props: ForwarderRoleProps): IamRole {
  const role = new IamRole(scope, id, {
    provider: props.provider,
    name: forwarderRoleName(props.environment),
    path: ROLE_PATHS.breakGlass,
    description: props.description,
    assumeRolePolicy: policyJson(forwarderTrustPolicy(props.accountId, props.ruleArns)),
  });
  new IamRolePolicy(scope, 'PutEvents', {
    provider: props.provider,
    role: role.name,
    name: 'put-on-alert-bus',
    policy: policyJson(forwarderPermissionsPolicy(props.busArns)),
  });
  return role;
}
