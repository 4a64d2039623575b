/**
 * Shapes of AWS identifiers, each with the rule stated the way the validation message says it.
 * Kept as data so the schema, the docs and the tests use one definition.
 */
export interface IdPattern {
  readonly pattern: RegExp;
  /** Completes "must be ..." in a validation message. */
  readonly rule: string;
}

const partition = 'aws(?:-cn|-us-gov)?';

export const ID_PATTERNS = {
  accountId: { pattern: /^\d{12}$/, rule: 'a 12-digit AWS account id' },
  organizationId: { pattern: /^o-[a-z0-9]{10,32}$/, rule: 'an organization id like o-a1b2c3d4e5' },
  ouId: {
    pattern: /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/,
    rule: 'an organizational unit id like ou-ab12-cd34ef56',
  },
  region: { pattern: /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d$/, rule: 'an AWS region like eu-west-1' },
  roleArn: {
    pattern: new RegExp(`^arn:${partition}:iam::\\d{12}:role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$`),
    rule: 'an IAM role ARN like arn:aws:iam::111111111111:role/path/name',
  },
  userArn: {
    pattern: new RegExp(`^arn:${partition}:iam::\\d{12}:user/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}$`),
    rule: 'an IAM user ARN like arn:aws:iam::111111111111:user/name',
  },
  identityCenterRolePattern: {
    // Identity Center roles live under a fixed path and end in `_` and 16 random hex digits after the
    // permission set name. The suffix is matched with 16 `?`, not `*`: `AWSReservedSSO_BreakGlass_*`
    // would also match a permission set named `BreakGlass_Admin` that someone else can create.
    pattern: new RegExp(
      `^arn:${partition}:iam::\\d{12}:role/aws-reserved/sso\\.amazonaws\\.com/(?:(?:[a-z]{2}(?:-gov)?-[a-z]+-\\d|\\*)/)?AWSReservedSSO_[\\w+=,.@-]+_(?:\\?{16}|[0-9a-f]{16})$`,
    ),
    rule: 'an Identity Center role ARN pattern ending in the permission set name and 16 ? (the random suffix), like arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_BreakGlass_????????????????',
  },
  secretArn: {
    pattern: new RegExp(`^arn:${partition}:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[\\w/+=.@!-]+$`),
    rule: 'a Secrets Manager secret ARN like arn:aws:secretsmanager:eu-west-1:111111111111:secret:rds!db-0a1b-AbCdEf',
  },
  kmsKeyArn: {
    pattern: new RegExp(`^arn:${partition}:kms:[a-z0-9-]+:\\d{12}:key/[0-9a-f-]{36}$`),
    rule: 'a KMS key ARN like arn:aws:kms:eu-west-1:111111111111:key/<uuid>',
  },
  vpcId: { pattern: /^vpc-[0-9a-f]{8}(?:[0-9a-f]{9})?$/, rule: 'a VPC id like vpc-0123456789abcdef0' },
  subnetId: {
    pattern: /^subnet-[0-9a-f]{8}(?:[0-9a-f]{9})?$/,
    rule: 'a subnet id like subnet-0123456789abcdef0',
  },
  securityGroupId: {
    pattern: /^sg-[0-9a-f]{8}(?:[0-9a-f]{9})?$/,
    rule: 'a security group id like sg-0123456789abcdef0',
  },
  cidrBlock: {
    pattern: /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\/(?:3[0-2]|[12]?\d)$/,
    rule: 'an IPv4 CIDR block like 10.0.0.0/16',
  },
  // Names end up in secret names, IAM names and Terraform ids: lower-case kebab keeps them valid everywhere.
  environmentName: {
    pattern: /^[a-z][a-z0-9-]{0,15}$/,
    rule: 'a lower-case name of 1-16 letters, digits or dashes starting with a letter',
  },
  // 30 keeps `<env>-secrets-rotation-<workload>` within the 64 characters of a Lambda or IAM name.
  logicalName: {
    pattern: /^[a-z][a-z0-9-]{0,29}$/,
    rule: 'a lower-case name of 1-30 letters, digits or dashes starting with a letter',
  },
  // No length here: each engine's limit (63, 32 or 80) is checked with the engine in cross-checks.ts.
  username: {
    pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
    rule: 'a database username of letters, digits and underscores, starting with a letter or underscore',
  },
  roleName: {
    pattern: /^[\w+=,.@-]{1,64}$/,
    rule: 'an IAM role name (1-64 of letters, digits and +=,.@_-)',
  },
  hostname: {
    pattern:
      /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i,
    rule: 'a DNS host name like mydb.cluster-abc.eu-west-1.rds.amazonaws.com',
  },
} as const satisfies Record<string, IdPattern>;

export type IdKind = keyof typeof ID_PATTERNS;

/** Account id inside an ARN (the fifth field), or undefined when it has none. */
export function arnAccount(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account !== undefined && account !== '' ? account : undefined;
}

/** Region inside an ARN (the fourth field), or undefined for global services such as IAM. */
export function arnRegion(arn: string): string | undefined {
  const region = arn.split(':')[3];
  return region !== undefined && region !== '' ? region : undefined;
}
