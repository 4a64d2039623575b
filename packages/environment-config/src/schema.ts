/**
 * The environment config schema (zod v4). Each field states its rule in the message, so a bad
 * value is reported as `<env>: <path>: must be ... (got "...")`. Cross-field rules live in
 * cross-checks.ts and run through `superRefine` on the whole config.
 */
import { z } from 'zod';
import {
  DEFAULT_EXCLUDE_CHARACTERS,
  DEFAULT_PORTS,
  ENGINE_FAMILY,
  ENGINES,
  LOG_RETENTION_DAYS,
  ROTATION_STRATEGIES,
} from './constants';
import { crossCheck } from './cross-checks';
import { governanceCrossCheck } from './governance-rules';
import { ENVIRONMENT_LAYOUTS } from './layout';
import type { IdKind } from './patterns';
import { ID_PATTERNS } from './patterns';
import { parseSchedule, parseWindowHours } from './schedule';

function id(kind: IdKind) {
  const { pattern, rule } = ID_PATTERNS[kind];
  return z.string().regex(pattern, `must be ${rule}`);
}

function int(min: number, max: number) {
  return z
    .number()
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
}

const emailAddress = z.email('must be an email address like team@example.com');

/** An AWS account this stack deploys into, reached by assuming `deployRoleArn`. */
export const accountSchema = z.strictObject({
  /** The 12-digit account id; the provider refuses to act in any other account. */
  accountId: id('accountId'),
  /** The role Terraform assumes in this account; must belong to `accountId`. */
  deployRoleArn: id('roleArn'),
});

const secretsManagerEndpointSchema = z.discriminatedUnion(
  'mode',
  [
    /** Create an interface endpoint with private DNS in the Lambda subnets (no NAT needed). */
    z.strictObject({ mode: z.literal('create') }),
    /** Use an existing interface endpoint; the Lambda gets egress 443 to its security group. */
    z.strictObject({ mode: z.literal('existing'), securityGroupId: id('securityGroupId') }),
    /** Reach the public endpoint through a NAT gateway: egress 443 to 0.0.0.0/0. */
    z.strictObject({ mode: z.literal('nat') }),
  ],
  { error: 'must be { mode: "create" }, { mode: "existing", securityGroupId } or { mode: "nat" }' },
);

/** Where the rotation function runs: private subnets that can reach the databases. */
export const vpcSchema = z.strictObject({
  vpcId: id('vpcId'),
  /** Private subnets for the rotation function (two or more AZs recommended). */
  subnetIds: z.array(id('subnetId')).min(1, 'must list at least one private subnet'),
  /** Extra security groups attached to the function, e.g. one the databases already trust. */
  securityGroupIds: z.array(id('securityGroupId')).default([]),
  /** How the function reaches the Secrets Manager API. */
  secretsManagerEndpoint: secretsManagerEndpointSchema.prefault({ mode: 'create' }),
});

export const databaseUserSchema = z.strictObject({
  /** The database login this secret holds. */
  username: id('username'),
  /** `single-user` changes the user's own password; `alternating-users` alternates with `<username>_clone`. */
  strategy: z.enum(ROTATION_STRATEGIES, { error: `must be one of ${ROTATION_STRATEGIES.join(', ')}` }),
  /** Name of the application role (path /workload/) allowed to read this secret. */
  applicationRoleName: id('roleName'),
  tags: z.strictObject({
    /** The owning system, written to the `system` tag. */
    system: z.string().regex(/^[\w.:/=+@ -]{1,128}$/, 'must be 1-128 characters valid in an AWS tag value'),
    /** Whether an outage of this credential is critical; written to the `critical` tag. */
    critical: z.boolean('must be true or false'),
  }),
  /** Whether the break-glass reader role may read this secret. */
  breakGlassReadable: z.boolean('must be true or false').default(true),
});

export const databaseSchema = z
  .strictObject({
    /** Logical name, part of the secret names (`<env>/rds/<name>/<username>`). */
    name: id('logicalName'),
    engine: z.enum(ENGINES, { error: `must be one of ${ENGINES.join(', ')}` }),
    /** Endpoint host (cluster writer endpoint for Aurora). */
    host: id('hostname'),
    /** @default 5432 for PostgreSQL engines, 3306 for MySQL/MariaDB engines */
    port: int(1, 65535).optional(),
    /** Database to connect to. @default the engine's default database */
    dbname: z
      .string()
      .regex(/^[A-Za-z_][\w$-]{0,62}$/, 'must be a database name of letters, digits, _ $ or -')
      .optional(),
    /**
     * The RDS-managed master user secret. Terraform never writes a password, so the first
     * rotation sets it through the master user; alternating-users needs it on every rotation.
     */
    masterSecretArn: z
      .string('is required: the first rotation sets the password through the master user secret')
      .regex(ID_PATTERNS.secretArn.pattern, `must be ${ID_PATTERNS.secretArn.rule}`)
      // A self-managed master password can be reset with ModifyDBInstance --master-user-password,
      // which no SCP condition key tells apart from any other change; an RDS-managed one only by
      // turning management off, which the guardrails reserve to the deploy role.
      .regex(
        /:secret:rds!(?:db|cluster)-/,
        'must be the master secret RDS manages (named rds!db-... or rds!cluster-...): turn on ManageMasterUserPassword for the database; a self-managed master password could be reset outside Secrets Manager',
      ),
    /** Customer-managed key of the master secret. @default - the master secret uses aws/secretsmanager */
    masterSecretKmsKeyArn: id('kmsKeyArn').optional(),
    /** The database's security group: the function gets egress to it on `port`. */
    securityGroupId: id('securityGroupId').optional(),
    /** Or the database's address ranges, when its security group is not known. */
    cidrBlocks: z.array(id('cidrBlock')).min(1, 'must list at least one CIDR block').optional(),
    /**
     * Also add the matching ingress rule to `securityGroupId` (from the rotation function's security
     * group, on `port`), as a standalone rule. Leave it off when the database's security group is
     * managed elsewhere with inline rules: that owner would remove it on every apply.
     * @default false - allow the ingress where the database's security group is managed
     */
    ingressFromRotation: z.boolean('must be true or false').default(false),
    users: z.array(databaseUserSchema).min(1, 'must list at least one user'),
  })
  .transform((database) => ({
    ...database,
    port: database.port ?? DEFAULT_PORTS[ENGINE_FAMILY[database.engine]],
  }));

export const workloadSchema = z.strictObject({
  /** Logical name of the account, used in construct ids and provider aliases. */
  name: id('logicalName'),
  accountId: id('accountId'),
  deployRoleArn: id('roleArn'),
  /** @default - none; required as soon as the account has databases */
  vpc: vpcSchema.optional(),
  databases: z.array(databaseSchema).default([]),
});

/**
 * How Terraform Cloud runs authenticate to AWS, with workload identity tokens and no stored keys.
 * The environment stack's providers and the bootstrap's workspace variables both follow it.
 */
export const terraformCloudCredentialsSchema = z.discriminatedUnion(
  'mode',
  [
    /**
     * One dynamic-credentials configuration per provider alias: each provider gets credentials for
     * its account's `deployRoleArn` directly (tag = alias, see `dynamicCredentialsTag`).
     */
    z.strictObject({ mode: z.literal('per-account') }),
    /**
     * One configuration for the run (`roleArn`, the entry role); each provider assumes its
     * account's `deployRoleArn` from there, as on a workstation. Every deploy role trusts the entry role.
     */
    z.strictObject({ mode: z.literal('entry-role'), roleArn: id('roleArn') }),
  ],
  { error: 'must be { mode: "per-account" } or { mode: "entry-role", roleArn }' },
);

export const rotationSchema = z.strictObject({
  /** `rate(30 days)` or `cron(0 2 ? * SUN *)` with Secrets Manager's rules. */
  schedule: z.string().superRefine((expression, ctx) => {
    const result = parseSchedule(expression);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message, input: expression });
  }),
  /** Window length like `3h` (1h-24h). */
  windowDuration: z
    .string()
    .refine(
      (value) => parseWindowHours(value) !== undefined,
      'must be a window of whole hours from 1h to 24h, like 3h',
    ),
  /** Rotate as soon as rotation is configured; this sets the first password. @default true */
  rotateImmediately: z.boolean('must be true or false').default(true),
});

export const rotationFunctionSchema = z.strictObject({
  /** @default 60 */
  timeoutSeconds: int(10, 900).default(60),
  /** Database connect timeout, passed as DB_CONNECT_TIMEOUT_MS. @default 5000 */
  connectTimeoutMs: int(500, 60_000).default(5000),
  /** Caps concurrent rotations hitting the databases. @default 5 */
  reservedConcurrency: int(1, 100).default(5),
  /** @default 256 */
  memorySizeMb: int(128, 10_240).default(256),
  /** @default 365 */
  logRetentionDays: z
    .number()
    .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
      message: `must be one of ${LOG_RETENTION_DAYS.join(', ')}`,
    })
    .default(365),
  /** X-Ray active tracing. @default false */
  tracing: z.boolean('must be true or false').default(false),
});

export const passwordPolicySchema = z.strictObject({
  /** @default 32 */
  length: int(16, 128).default(32),
  /** Characters generated passwords never contain. @default / @ " ' \ ` $ and space */
  excludeCharacters: z.string().max(64, 'must be at most 64 characters').default(DEFAULT_EXCLUDE_CHARACTERS),
});

/** The config's shape before the cross-field rules. */
export const environmentShape = z.strictObject({
  /** Primary region for every account's resources. */
  region: id('region'),
  /** Regions the secrets are replicated to. @default - none */
  replicaRegions: z.array(id('region')).default([]),
  accounts: z.strictObject({
    /** Organizations management account: SCPs and their attachments. */
    management: accountSchema,
    /** Security account: the central break-glass role and its alerts. */
    security: accountSchema,
    workloads: z.array(workloadSchema).min(1, 'must list at least one workload account'),
  }),
  organization: z.strictObject({
    organizationId: id('organizationId'),
    /** OUs this environment's SCPs attach to. */
    targetOuIds: z.array(id('ouId')).min(1, 'must list at least one OU id'),
    /**
     * The target OUs (and the OUs under them) hold only this environment's accounts. The SCPs then
     * name the deploy roles by path and name in any account without pinning that name to a list of
     * account ids (a list that passes the SCP size limit at about 130 accounts); instead every plan
     * of the organization's resources fails while an OU holds an active account outside the
     * environment. See docs/infra/layouts.md. @default false
     */
    dedicatedOus: z.boolean('must be true or false').default(false),
  }),
  breakGlass: z.strictObject({
    /** IAM users (with MFA) allowed to assume the central break-glass role. @default - none */
    iamUserArns: z.array(id('userArn')).default([]),
    /** Identity Center permission-set role ARN patterns allowed to assume it. @default - none */
    identityCenterRoleArnPatterns: z.array(id('identityCenterRolePattern')).default([]),
    /**
     * Principal tag that Identity Center sets from the user's name (attributes for access control,
     * e.g. key `username` = `${path:userName}`): the source identity must equal it, so a person cannot
     * break glass under someone else's name. @default username
     */
    identityCenterUserTag: z
      .string()
      .regex(/^[\w.:/=+@-]{1,128}$/, 'must be a tag key of letters, digits and _.:/=+@-')
      .default('username'),
    /** Who is told about every break-glass use. @default - alerts.emailAddresses */
    alertEmailAddresses: z.array(emailAddress).optional(),
  }),
  rotation: rotationSchema,
  rotationFunction: rotationFunctionSchema.prefault({}),
  passwordPolicy: passwordPolicySchema.prefault({}),
  alerts: z.strictObject({
    /** Subscribed (email) to the rotation-failure topic of every workload account. */
    emailAddresses: z.array(emailAddress).min(1, 'must list at least one email address'),
    /** Also publish every successful rotation to the topic (RotationSucceeded). @default false */
    rotationSucceeded: z.boolean('must be true or false').default(false),
    /** A Slack channel (through AWS Chatbot) subscribed to the topic besides email. @default - email only */
    slack: z
      .strictObject({
        /** The Slack workspace authorized in AWS Chatbot (its team id, like T012ABCDEFG). */
        workspaceId: z.string().regex(/^[A-Z0-9]{9,15}$/, 'must be a Slack team id like T012ABCDEFG'),
        /** The channel id, like C012ABCDEFG. */
        channelId: z.string().regex(/^[A-Z0-9]{9,15}$/, 'must be a Slack channel id like C012ABCDEFG'),
      })
      .optional(),
  }),
  /**
   * The rotation health and compliance report (`credential-rotation report`): a read-only audit role
   * in each workload account. @default - no audit role
   */
  audit: z
    .strictObject({
      /** Roles in the security account that may assume the audit roles (exact ARNs or Identity Center patterns). */
      auditorPrincipalArns: z
        .array(
          z.union([id('roleArn'), id('identityCenterRolePattern')], {
            error: 'must be a role ARN or an Identity Center role ARN pattern in the security account',
          }),
        )
        .min(1, 'must list at least one auditor role'),
      /** AWS Config managed rules on the managed secrets (needs a configuration recorder in each account). @default false */
      configRules: z.boolean('must be true or false').default(false),
    })
    .optional(),
  /**
   * How the environment is cut into Terraform stacks (docs/infra/layouts.md):
   * - `single-stack`: one stack `<env>` spans every account; right for a handful of accounts.
   * - `stack-per-account`: stack `<env>` holds the organization-level resources (management and
   *   security accounts), and one stack `<env>-<workload>` per workload account holds that account's.
   * @default single-stack
   */
  layout: z
    .enum(ENVIRONMENT_LAYOUTS, {
      error: `must be one of ${ENVIRONMENT_LAYOUTS.map((l) => `'${l}'`).join(', ')}`,
    })
    .default('single-stack'),
  /** Terraform Cloud workspace for this stack. @default - a local backend under cdktf.out */
  terraformCloud: z
    .strictObject({
      organization: z.string().regex(/^[\w-]{1,40}$/, 'must be a Terraform Cloud organization name'),
      /** @default credential-rotation-<env> */
      workspace: z
        .string()
        .regex(/^[\w-]{1,90}$/, 'must be a workspace name of letters, digits, - and _')
        .optional(),
      /** For Terraform Enterprise. @default - Terraform Cloud */
      hostname: id('hostname').optional(),
      /** How the workspace's runs get AWS credentials (OIDC either way). @default { mode: 'per-account' } */
      awsCredentials: terraformCloudCredentialsSchema.prefault({ mode: 'per-account' }),
    })
    .optional(),
});

/**
 * The full schema: field rules, then the cross-field rules of cross-checks.ts and the
 * governance rules of governance-rules.ts. Cross-field rules
 * run once every field is valid, so one mistake is not reported again as its consequences.
 */
export const environmentConfigSchema = environmentShape.superRefine(
  (config, ctx) => {
    crossCheck(config, ctx);
    governanceCrossCheck(config, ctx);
  },
  { when: (payload) => payload.issues.length === 0 },
);

/** What an environment's config.ts writes (defaults may be left out). */
export type EnvironmentConfigInput = z.input<typeof environmentConfigSchema>;
/** A validated config with every default filled in. */
export type EnvironmentConfig = z.output<typeof environmentConfigSchema>;
export type AccountConfig = EnvironmentConfig['accounts']['management'];
export type WorkloadConfig = EnvironmentConfig['accounts']['workloads'][number];
export type VpcConfig = NonNullable<WorkloadConfig['vpc']>;
export type DatabaseConfig = WorkloadConfig['databases'][number];
export type DatabaseUserConfig = DatabaseConfig['users'][number];
export type RotationConfig = EnvironmentConfig['rotation'];
export type RotationFunctionConfig = EnvironmentConfig['rotationFunction'];
export type PasswordPolicyConfig = EnvironmentConfig['passwordPolicy'];
export type BreakGlassConfig = EnvironmentConfig['breakGlass'];
export type EnvironmentLayout = EnvironmentConfig['layout'];
