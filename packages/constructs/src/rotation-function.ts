import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type {
  DatabaseConfig,
  PasswordPolicyConfig,
  RotationFunctionConfig,
  VpcConfig,
} from '@credential-rotation/environment-config';
import {
  MANAGED_BY,
  ROLE_PATHS,
  TAG_KEYS,
  resourceName,
  secretNamePrefix,
} from '@credential-rotation/environment-config';
import type { TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import type { EncryptionKey } from './encryption-key';
import type { PolicyDocument } from './policy';
import { allow, minify, policyDocument } from './policy';
import { rotationRolePolicy } from './rotation-role-policy';

const HTTPS = 443;

/** The function's code: a zipped bundle and how Lambda runs it. */
export interface LambdaBundle {
  /** The zip as a stack asset; one asset serves every account's function. */
  readonly asset: TerraformAsset;
  /** Entry point inside the zip, e.g. `index.handler`. */
  readonly handler: string;
  /** Lambda runtime the bundle is built for, e.g. `nodejs22.x`. */
  readonly runtime: string;
}

export interface RotationFunctionProps {
  readonly provider: AwsProvider;
  /** Environment name; prefixes every name. */
  readonly environment: string;
  /** Workload account name; part of the function and role names. */
  readonly workloadName: string;
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
  /** Private subnets and the Secrets Manager endpoint choice. */
  readonly vpc: VpcConfig;
  /** Databases the function rotates: egress rules and master secrets come from them. */
  readonly databases: readonly DatabaseConfig[];
  /** The zipped function and its entry point. */
  readonly bundle: LambdaBundle;
  readonly settings: RotationFunctionConfig;
  readonly passwordPolicy: PasswordPolicyConfig;
  /** Encrypts the log group. */
  readonly logsKey: EncryptionKey;
  /** Regions the secrets replicate to. @default - none */
  readonly replicaRegions?: readonly string[];
}

/**
 * The Secrets Manager rotation function of one workload account: a Lambda in private subnets
 * whose security group reaches only the database ports and HTTPS to Secrets Manager, an
 * execution role at /secrets-rotation/ with the documented actions, an encrypted log group,
 * and the permission for Secrets Manager to invoke it from this account.
 */
export class RotationFunction extends Construct {
  public readonly function: LambdaFunction;
  /** The function's ARN, read once (see EncryptionKey.keyArn for why). */
  public readonly functionArn: string;
  public readonly role: IamRole;
  /** The role's ARN as a literal, for policies that must stay literal JSON. */
  public readonly roleArn: string;
  public readonly rolePolicy: PolicyDocument;
  public readonly securityGroup: SecurityGroup;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly invokePermission: LambdaPermission;
  /** The interface endpoint, when this construct created one. */
  public readonly endpoint?: VpcEndpoint;
  public readonly functionName: string;

  public constructor(scope: Construct, id: string, props: RotationFunctionProps) {
    super(scope, id);
    const { provider, environment, partition, accountId, region, vpc, settings } = props;
    this.functionName = resourceName(environment, 'secrets-rotation', props.workloadName);
    const roleName = resourceName(environment, 'rotation', props.workloadName);
    this.roleArn = `arn:${partition}:iam::${accountId}:role${ROLE_PATHS.rotation}${roleName}`;

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      provider,
      name: this.functionName,
      description: 'Secrets rotation function: egress to its databases and Secrets Manager only',
      vpcId: vpc.vpcId,
      // No inline rules: Terraform then removes the default allow-all egress, and the rules
      // below are the only ones.
    });
    this.addDatabaseEgress(props);
    this.addDatabaseIngress(props);
    this.endpoint = this.addSecretsManagerAccess(props);

    const logGroupName = `/aws/lambda/${this.functionName}`;
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      provider,
      name: logGroupName,
      retentionInDays: settings.logRetentionDays,
      kmsKeyId: props.logsKey.keyArn,
    });

    this.role = new IamRole(this, 'role', {
      provider,
      name: roleName,
      path: ROLE_PATHS.rotation,
      description: 'Secrets Manager rotation function for this account',
      assumeRolePolicy: minify(
        policyDocument(
          allow({
            Sid: 'LambdaAssumesInThisAccount',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
          }),
        ),
      ),
      maxSessionDuration: 3600,
    });
    const masterSecretKeyArns = [
      ...new Set(
        props.databases.flatMap((db) =>
          db.masterSecretKmsKeyArn !== undefined ? [db.masterSecretKmsKeyArn] : [],
        ),
      ),
    ];
    this.rolePolicy = rotationRolePolicy({
      partition,
      accountId,
      region,
      secretNamePrefix: secretNamePrefix(environment),
      managedByTag: { key: TAG_KEYS.managedBy, value: MANAGED_BY },
      logGroupName,
      masterSecretArns: [...new Set(props.databases.map((db) => db.masterSecretArn))],
      masterSecretKeyArns,
      tracing: settings.tracing,
      replicaRegions: props.replicaRegions ?? [],
    });
    const rolePolicy = new IamRolePolicy(this, 'role-policy', {
      provider,
      name: 'rotate-database-secrets',
      role: this.role.name,
      policy: minify(this.rolePolicy),
    });

    this.function = new LambdaFunction(this, 'function', {
      provider,
      functionName: this.functionName,
      description: 'Rotates database user passwords in Secrets Manager',
      role: this.role.arn,
      runtime: props.bundle.runtime,
      handler: props.bundle.handler,
      filename: props.bundle.asset.path,
      // The provider (v5.52+/6.x) uses source_code_hash only to decide when to upload, and keeps
      // the service's CodeSha256 in code_sha256, so any content hash works. The asset hash is
      // a hash of the zip's bytes: an unchanged bundle gives the same value and no diff, a
      // changed one a new value (and a new asset path). Fn.filebase64sha256 would work too, but
      // would hide the value until plan time.
      sourceCodeHash: props.bundle.asset.assetHash,
      memorySize: settings.memorySizeMb,
      timeout: settings.timeoutSeconds,
      reservedConcurrentExecutions: settings.reservedConcurrency,
      vpcConfig: {
        subnetIds: [...vpc.subnetIds],
        securityGroupIds: [this.securityGroup.id, ...vpc.securityGroupIds],
      },
      environment: {
        variables: {
          PASSWORD_LENGTH: String(props.passwordPolicy.length),
          EXCLUDE_CHARACTERS: props.passwordPolicy.excludeCharacters,
          DB_CONNECT_TIMEOUT_MS: String(settings.connectTimeoutMs),
          POWERTOOLS_SERVICE_NAME: 'secrets-rotation',
          POWERTOOLS_METRICS_NAMESPACE: 'CredentialRotation',
        },
      },
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name },
      tracingConfig: { mode: settings.tracing ? 'Active' : 'PassThrough' },
      dependsOn: [rolePolicy, this.logGroup],
    });

    this.functionArn = this.function.arn;
    this.invokePermission = new LambdaPermission(this, 'secretsmanager-invoke', {
      provider,
      statementId: 'SecretsManagerRotation',
      action: 'lambda:InvokeFunction',
      functionName: this.function.functionName,
      principal: 'secretsmanager.amazonaws.com',
      sourceAccount: accountId,
    });
  }

  /** One egress rule per distinct (destination, port): the databases and nothing else. */
  private addDatabaseEgress(props: RotationFunctionProps): void {
    const rules = new Map<
      string,
      { port: number; securityGroupId?: string; cidr?: string; database: string }
    >();
    for (const db of props.databases) {
      if (db.securityGroupId !== undefined) {
        rules.set(`${db.securityGroupId}:${db.port}`, {
          port: db.port,
          securityGroupId: db.securityGroupId,
          database: db.name,
        });
      }
      for (const cidr of db.cidrBlocks ?? []) {
        rules.set(`${cidr}:${db.port}`, { port: db.port, cidr, database: db.name });
      }
    }
    for (const [key, rule] of [...rules].sort(([a], [b]) => a.localeCompare(b))) {
      new VpcSecurityGroupEgressRule(this, `egress-${key.replace(/[^a-z0-9]/gi, '-')}`, {
        provider: props.provider,
        securityGroupId: this.securityGroup.id,
        description: `database ${rule.database}`,
        ipProtocol: 'tcp',
        fromPort: rule.port,
        toPort: rule.port,
        ...(rule.securityGroupId !== undefined
          ? { referencedSecurityGroupId: rule.securityGroupId }
          : { cidrIpv4: rule.cidr }),
      });
    }
  }

  /**
   * The other half of the database egress, where the config asks for it (`ingressFromRotation`):
   * one standalone ingress rule per distinct (database security group, port), from this function's
   * security group only.
   */
  private addDatabaseIngress(props: RotationFunctionProps): void {
    const rules = new Map<string, { port: number; securityGroupId: string; databases: string[] }>();
    for (const db of props.databases) {
      if (!db.ingressFromRotation || db.securityGroupId === undefined) continue;
      const key = `${db.securityGroupId}:${db.port}`;
      const rule = rules.get(key) ?? { port: db.port, securityGroupId: db.securityGroupId, databases: [] };
      rule.databases.push(db.name);
      rules.set(key, rule);
    }
    for (const [key, rule] of [...rules].sort(([a], [b]) => a.localeCompare(b))) {
      new VpcSecurityGroupIngressRule(this, `ingress-${key.replace(/[^a-z0-9]/gi, '-')}`, {
        provider: props.provider,
        securityGroupId: rule.securityGroupId,
        description: `${props.environment} secrets rotation (${rule.databases.join(', ')})`,
        ipProtocol: 'tcp',
        fromPort: rule.port,
        toPort: rule.port,
        referencedSecurityGroupId: this.securityGroup.id,
      });
    }
  }

  /** HTTPS to Secrets Manager: a new interface endpoint, an existing one, or the NAT path. */
  private addSecretsManagerAccess(props: RotationFunctionProps): VpcEndpoint | undefined {
    const { provider, vpc, region } = props;
    const access = vpc.secretsManagerEndpoint;
    const egress = (destination: { referencedSecurityGroupId: string } | { cidrIpv4: string }) =>
      new VpcSecurityGroupEgressRule(this, 'egress-secretsmanager', {
        provider,
        securityGroupId: this.securityGroup.id,
        description: 'Secrets Manager API',
        ipProtocol: 'tcp',
        fromPort: HTTPS,
        toPort: HTTPS,
        ...destination,
      });

    if (access.mode === 'nat') {
      // Secrets Manager has no managed prefix list: through NAT its public endpoint is anywhere.
      egress({ cidrIpv4: '0.0.0.0/0' });
      return undefined;
    }
    if (access.mode === 'existing') {
      egress({ referencedSecurityGroupId: access.securityGroupId });
      return undefined;
    }
    const endpointGroup = new SecurityGroup(this, 'endpoint-security-group', {
      provider,
      name: `${this.functionName}-endpoint`,
      description: 'Secrets Manager interface endpoint: HTTPS from the rotation function only',
      vpcId: vpc.vpcId,
    });
    new VpcSecurityGroupIngressRule(this, 'endpoint-ingress', {
      provider,
      securityGroupId: endpointGroup.id,
      description: 'rotation function',
      ipProtocol: 'tcp',
      fromPort: HTTPS,
      toPort: HTTPS,
      referencedSecurityGroupId: this.securityGroup.id,
    });
    egress({ referencedSecurityGroupId: endpointGroup.id });
    return new VpcEndpoint(this, 'secretsmanager-endpoint', {
      provider,
      vpcId: vpc.vpcId,
      serviceName: `com.amazonaws.${region}.secretsmanager`,
      vpcEndpointType: 'Interface',
      privateDnsEnabled: true,
      subnetIds: [...vpc.subnetIds],
      securityGroupIds: [endpointGroup.id],
    });
  }
}
