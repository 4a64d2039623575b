/**
 * The plan role of each account (apps/tfc-bootstrap): what Terraform Cloud's plan phase runs as,
 * previews of unapproved pull requests included. Its own policy is evaluated exactly as the
 * bootstrap writes it, loaded from the bootstrap's source (the bootstrap synthesizes no AWS roles
 * unless its settings ask for them, and it is not a dependency of this package; jest compiles the
 * file, as it does the environment configs). It stands beside AdministratorAccess, a superset of the
 * ReadOnlyAccess the bootstrap attaches: the denies must hold whatever else is attached.
 *
 * A plan refreshes every resource, so the plan role reads exactly what the deploy role reads on
 * refresh: the TERRAFORM_METADATA version (connection metadata, never a password) by its id,
 * decrypted through Secrets Manager, and the keys' metadata. Nothing else: no staging label, no other
 * version id, no batch, no direct decrypt, no other role, and no change to anything guarded (the
 * attacker suite attacks with it, beside the CI role).
 */
import { join } from 'node:path';
import { PolicyEvaluationError } from '../errors';
import { ADMINISTRATOR_ACCESS, policy, roleSession } from '../identities';
import type { Caller } from '../identities';
import {
  assumeRoleRequests,
  decryptRequest,
  listSecretsRequest,
  resourceRequest,
  secretRequest,
} from '../requests';
import type { PolicyJson } from '../stack-policies';
import { REPO_ROOT } from '../synthesized-stack';
import type { Actors } from './actors';
import type { Scenario } from './scenario';

/** What the policy tests use of apps/tfc-bootstrap/src/plan-role-policy.ts. */
export interface PlanRoleSource {
  /** The plan role ARN of the account whose deploy role is given. */
  readonly planRoleArn: (deployRoleArn: string) => string;
  /** The plan role's own policy. */
  readonly planRolePolicy: () => PolicyJson;
}

/** Loads the plan role's naming and policy from the bootstrap's source. */
export function loadPlanRoleSource(): PlanRoleSource {
  const file = join(REPO_ROOT, 'apps', 'tfc-bootstrap', 'src', 'plan-role-policy.ts');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bootstrap app is not a package dependency
  const source = require(file) as Partial<PlanRoleSource>;
  if (typeof source.planRoleArn !== 'function' || typeof source.planRolePolicy !== 'function') {
    throw new PolicyEvaluationError(`${file} no longer exports planRoleArn and planRolePolicy`);
  }
  return source as PlanRoleSource;
}

/** The plan role of the account whose deploy role is given, with its policy beside AdministratorAccess. */
export function planRoleOf(
  deployRoleArn: string,
  organizationId: string,
  source: PlanRoleSource = loadPlanRoleSource(),
): Caller {
  return roleSession(source.planRoleArn(deployRoleArn), 'terraform-run-plan', organizationId, [
    ADMINISTRATOR_ACCESS,
    policy('deny-secret-values-and-decrypt', source.planRolePolicy()),
  ]);
}

/** The plan role of the scenarios' workload account, with its policy beside AdministratorAccess. */
export function planRole(a: Actors, source: PlanRoleSource = loadPlanRoleSource()): Caller {
  return planRoleOf(a.workload.deployRoleArn, a.org, source);
}

/** Another version's id (AWSCURRENT's, say, looked up with DescribeSecret or ListSecretVersionIds). */
const OTHER_VERSION_ID = '0b7e5c1a-9d2f-4c3e-8a6b-5f4d3c2b1a09';

/**
 * Scenarios that only each secret's own policy decides: which version id is the metadata version.
 * By the plan role's own policy alone (the management account: no SCP; a secret policy edited by
 * hand) a read by any version id of a managed secret passes.
 */
export const PINNED_BY_SECRET_POLICY: ReadonlySet<string> = new Set(['plan/reads-other-version-by-id']);

/** What the provider's refresh of aws_kms_key reads (kms:ListAliases is not authorized by key policies). */
const KEY_REFRESH_ACTIONS = [
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListResourceTags',
];

export function planRoleScenarios(a: Actors): Scenario[] {
  const { org, secret } = a;
  const plan = planRole(a);
  const metadataVersionId = secret.secret.metadataVersionId;
  if (metadataVersionId === undefined)
    throw new PolicyEvaluationError(`${secret.secret.name}: the stack writes no TERRAFORM_METADATA version`);
  const read = (extra: Record<string, string>) =>
    secretRequest(plan, 'secretsmanager:GetSecretValue', secret.secret, org, extra);
  const keys = a.model.policies.keys.filter((key) => key.accountId === a.workload.accountId);
  const keyRead = (action: string) =>
    keys.map((key) => resourceRequest(plan, action, key.arn, key.accountId, org, key.region, {}, key.policy));
  return [
    {
      id: 'plan/describes-secret',
      description: 'the plan role may DescribeSecret (metadata: what a refresh of the secret reads)',
      expected: 'Allowed',
      requests: [
        secretRequest(plan, 'secretsmanager:DescribeSecret', secret.secret, org),
        secretRequest(plan, 'secretsmanager:GetResourcePolicy', secret.secret, org),
      ],
    },
    {
      id: 'plan/refreshes-metadata-version',
      description:
        'the plan role may GetSecretValue of the metadata version by its id, as the AWS provider refreshes aws_secretsmanager_secret_version, and decrypt it through Secrets Manager',
      expected: 'Allowed',
      requests: [
        read({ 'secretsmanager:VersionId': metadataVersionId }),
        decryptRequest(plan, secret.key, secret.secret, org, true),
      ],
    },
    {
      id: 'plan/refreshes-keys',
      description: `the plan role may read what a refresh of each key of the account reads (${KEY_REFRESH_ACTIONS.join(', ')})`,
      expected: 'Allowed',
      requests: KEY_REFRESH_ACTIONS.flatMap(keyRead),
    },
    {
      id: 'plan/reads-current-value',
      description: 'the plan role is denied GetSecretValue without a version (AWSCURRENT, the password)',
      expected: 'Denied',
      requests: [read({})],
    },
    ...['AWSCURRENT', 'AWSPENDING', 'AWSPREVIOUS'].map((stage): Scenario => ({
      id: `plan/reads-${stage}`,
      description: `the plan role is denied GetSecretValue of ${stage} by staging label`,
      expected: 'Denied',
      requests: [read({ 'secretsmanager:VersionStage': stage })],
    })),
    {
      id: 'plan/reads-other-version-by-id',
      description:
        "the plan role is denied GetSecretValue by the id of any other version (AWSCURRENT's, looked up first), with or without a stage",
      expected: 'Denied',
      requests: [
        read({ 'secretsmanager:VersionId': OTHER_VERSION_ID }),
        read({ 'secretsmanager:VersionId': OTHER_VERSION_ID, 'secretsmanager:VersionStage': 'AWSCURRENT' }),
      ],
    },
    {
      id: 'plan/batch-reads',
      description: 'the plan role is denied BatchGetSecretValue',
      expected: 'Denied',
      requests: [{ ...listSecretsRequest(plan, a.region), action: 'secretsmanager:BatchGetSecretValue' }],
    },
    {
      id: 'plan/reads-unmanaged-secret',
      description:
        "the plan role is denied a secret this repository doesn't manage, by stage and by version id (no secret policy pins its ids: its own policy refuses unmanaged secrets)",
      expected: 'Denied',
      requests: [
        secretRequest(plan, 'secretsmanager:GetSecretValue', a.untaggedSecret, org),
        secretRequest(plan, 'secretsmanager:GetSecretValue', a.untaggedSecret, org, {
          'secretsmanager:VersionId': OTHER_VERSION_ID,
        }),
      ],
    },
    {
      id: 'plan/decrypts-directly',
      description: 'the plan role is denied kms:Decrypt outside Secrets Manager',
      expected: 'Denied',
      requests: [decryptRequest(plan, secret.key, secret.secret, org, false)],
    },
    {
      id: 'plan/assumes-deploy-role',
      description:
        'the plan role is denied sts:AssumeRole of its account deploy role, even were the deploy role to trust its account',
      expected: 'Denied',
      requests: assumeRoleRequests(
        plan,
        {
          arn: a.workload.deployRoleArn,
          trust: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${a.workload.accountId}:root` },
                Action: 'sts:AssumeRole',
              },
            ],
          },
        },
        org,
        a.region,
        { sessionName: 'terraform-run-plan' },
      ),
    },
  ];
}
