/**
 * The people and roles the scenarios use in one environment, built from the model.
 */
import { applicationRolePolicy, BROAD_SECRETS_POLICY } from '../application-role-policy';
import type { EnvironmentModel, ManagedSecret, WorkloadModel } from '../environment-model';
import { PARTITION } from '../environment-model';
import type { Caller } from '../identities';
import { ADMINISTRATOR_ACCESS, iamUser, identityCenterRoleArn, policy, roleSession } from '../identities';
import type { SecretModel } from '../stack-policies';
import { PolicyEvaluationError } from '../errors';

export interface Actors {
  readonly model: EnvironmentModel;
  readonly org: string;
  readonly region: string;
  /** The first workload account with secrets, and two of its secrets (or one and another account's). */
  readonly workload: WorkloadModel;
  readonly secret: ManagedSecret;
  readonly otherSecret: ManagedSecret;
  /** A secret in a different workload account, when the environment has two with secrets. */
  readonly foreignAccountSecret?: ManagedSecret;
  /** A secret nobody tagged: created by a team outside this repository. */
  readonly untaggedSecret: SecretModel;
  readonly ssoAdmin: Caller;
  readonly iamAdmin: Caller;
  readonly accountAdmin: Caller;
  readonly deployRole: Caller;
  readonly appRole: (secret: ManagedSecret, broad?: boolean) => Caller;
}

export function actors(model: EnvironmentModel): Actors {
  const org = model.organization.organizationId;
  const withSecrets = model.workloads.filter((w) => w.secrets.length > 0);
  const workload = withSecrets[0];
  if (workload === undefined)
    throw new PolicyEvaluationError(`${model.environment}: no workload account has secrets`);
  const secret = workload.secrets[0] as ManagedSecret;
  const foreignAccountSecret = withSecrets[1]?.secrets[0];
  const otherSecret = workload.secrets[1] ?? foreignAccountSecret;
  if (otherSecret === undefined) throw new PolicyEvaluationError(`${model.environment}: needs two secrets`);
  const account = workload.accountId;
  const region = model.region;
  return {
    model,
    org,
    region,
    workload,
    secret,
    otherSecret,
    ...(foreignAccountSecret !== undefined ? { foreignAccountSecret } : {}),
    untaggedSecret: {
      address: 'hypothetical.untagged',
      name: 'team/api-token',
      arn: `arn:${PARTITION}:secretsmanager:${region}:${account}:secret:team/api-token-Qw3rTy`,
      accountId: account,
      region,
      tags: {},
    },
    ssoAdmin: roleSession(
      identityCenterRoleArn(account, region, 'AdministratorAccess'),
      'alice@example.com',
      org,
      [ADMINISTRATOR_ACCESS],
    ),
    iamAdmin: iamUser(`arn:${PARTITION}:iam::${account}:user/ops/carol`, org, [ADMINISTRATOR_ACCESS], 60),
    accountAdmin: roleSession(
      `arn:${PARTITION}:iam::${account}:role/OrganizationAccountAccessRole`,
      'dave',
      org,
      [ADMINISTRATOR_ACCESS],
    ),
    deployRole: roleSession(workload.deployRoleArn, 'terraform', org, [ADMINISTRATOR_ACCESS]),
    appRole: (s, broad = false) =>
      roleSession(s.applicationRoleArn, 'i-0123456789abcdef0', org, [
        broad
          ? policy('broad', BROAD_SECRETS_POLICY)
          : policy('app', applicationRolePolicy(region, s.secret.accountId, s.secret.name)),
      ]),
  };
}
