import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Environment, VpcConfig, WorkloadConfig } from '@credential-rotation/environment-config';
import {
  partitionOf,
  planRoleArn,
  resourceName,
  secretNamePrefix,
  workloadRoleArn,
  breakGlassRoleArn,
} from '@credential-rotation/environment-config';
import { Construct } from 'constructs';
import { DatabaseSecret } from './database-secret';
import { EncryptionKey } from './encryption-key';
import { BREAK_GLASS_READER_ROLE_NAME } from './governance/break-glass-central-role';
import { operationsKeyUsageStatements, secretsKeyUsageStatement } from './key-policies';
import { RotationAlarms } from './rotation-alarms';
import { RotationAudit } from './rotation-audit';
import type { LambdaBundle } from './rotation-function';
import { RotationFunction } from './rotation-function';

export interface WorkloadRotationProps {
  /** The workload account's aliased provider. */
  readonly provider: AwsProvider;
  readonly environment: Environment;
  readonly workload: WorkloadConfig;
  /** The rotation function bundle. */
  readonly bundle: LambdaBundle;
  /**
   * Name of the account's break-glass reader role (path /breakglass/): the only break-glass role the
   * secrets and their key let read. Must match the governance's reader role.
   * @default BREAK_GLASS_READER_ROLE_NAME
   */
  readonly breakGlassReaderRoleName?: string;
}

/**
 * Everything one workload account needs to rotate its database credentials: the secrets key,
 * the operations key (logs and alerts), the rotation function, one secret per database user,
 * and the failure alarms. Accounts without databases get nothing.
 */
export class WorkloadRotation extends Construct {
  public readonly secretsKey?: EncryptionKey;
  public readonly operationsKey?: EncryptionKey;
  public readonly rotationFunction?: RotationFunction;
  public readonly alarms?: RotationAlarms;
  /** The read-only audit role (and Config rules), when the config names auditors. */
  public readonly audit?: RotationAudit;
  public readonly secrets: readonly DatabaseSecret[];

  public constructor(scope: Construct, id: string, props: WorkloadRotationProps) {
    super(scope, id);
    const { provider, workload } = props;
    const { name: environment, config } = props.environment;
    const { region } = config;
    const { accountId, deployRoleArn } = workload;
    const partition = partitionOf(region);
    const secrets: DatabaseSecret[] = [];
    this.secrets = secrets;
    if (!rotatesIn(workload)) return;

    // The reader role itself, not every role under /breakglass/: the SCP's read allow-list names it too.
    const breakGlassReaderArn = breakGlassRoleArn(
      partition,
      accountId,
      props.breakGlassReaderRoleName ?? BREAK_GLASS_READER_ROLE_NAME,
    );
    const operationsKey = new EncryptionKey(this, 'operations-key', {
      provider,
      partition,
      accountId,
      region,
      aliasName: resourceName(environment, 'rotation-operations'),
      description: `Rotation logs and alerts (${environment})`,
      deployRoleArn,
      usageStatements: (keyRegion) =>
        operationsKeyUsageStatements({
          partition,
          accountId,
          region: keyRegion,
          logGroupArnPattern: `arn:${partition}:logs:${keyRegion}:${accountId}:log-group:/aws/lambda/${environment}-*`,
        }),
    });
    const rotationFunction = new RotationFunction(this, 'rotation-function', {
      provider,
      environment,
      workloadName: workload.name,
      partition,
      accountId,
      region,
      vpc: workload.vpc,
      databases: workload.databases,
      bundle: props.bundle,
      settings: config.rotationFunction,
      passwordPolicy: config.passwordPolicy,
      logsKey: operationsKey,
      replicaRegions: config.replicaRegions,
    });

    const applicationRoleArns = workload.databases.flatMap((db) =>
      db.users.map((user) => workloadRoleArn(partition, accountId, user.applicationRoleName)),
    );
    const secretsKey = new EncryptionKey(this, 'secrets-key', {
      provider,
      partition,
      accountId,
      region,
      aliasName: resourceName(environment, 'rds-secrets'),
      description: `Database user secrets (${environment})`,
      deployRoleArn,
      replicaRegions: config.replicaRegions,
      usageStatements: (keyRegion) => [
        secretsKeyUsageStatement({
          partition,
          accountId,
          region: keyRegion,
          // The deploy role and its plan role decrypt the metadata version on refresh; the secret's
          // own policy keeps them to that version.
          principalArns: [
            ...new Set([
              deployRoleArn,
              planRoleArn(deployRoleArn),
              rotationFunction.roleArn,
              breakGlassReaderArn,
              ...applicationRoleArns,
            ]),
          ],
          secretArnPattern: `arn:${partition}:secretsmanager:${keyRegion}:${accountId}:secret:${secretNamePrefix(environment)}*`,
        }),
      ],
    });

    for (const database of workload.databases) {
      for (const user of database.users) {
        secrets.push(
          new DatabaseSecret(this, `secret-${database.name}-${user.username}`, {
            provider,
            environment,
            partition,
            accountId,
            region,
            database,
            user,
            key: secretsKey,
            rotationFunction,
            rotation: config.rotation,
            deployRoleArn,
            applicationRoleArn: workloadRoleArn(partition, accountId, user.applicationRoleName),
            breakGlassRoleArnPattern: breakGlassReaderArn,
            replicaRegions: config.replicaRegions,
          }),
        );
      }
    }

    this.alarms = new RotationAlarms(this, 'alarms', {
      provider,
      environment,
      partition,
      accountId,
      region,
      key: operationsKey,
      functionName: rotationFunction.functionName,
      emailAddresses: config.alerts.emailAddresses,
      rotationSucceeded: config.alerts.rotationSucceeded,
      ...(config.alerts.slack !== undefined ? { slack: config.alerts.slack } : {}),
    });
    if (config.audit !== undefined) {
      this.audit = new RotationAudit(this, 'audit', {
        provider,
        environment,
        partition,
        accountId,
        securityAccountId: config.accounts.security.accountId,
        organizationId: config.organization.organizationId,
        auditorPrincipalArns: config.audit.auditorPrincipalArns,
        functionName: rotationFunction.functionName,
        logGroupName: `/aws/lambda/${rotationFunction.functionName}`,
        configRules: config.audit.configRules,
        rotation: config.rotation,
        secretsKeyArn: secretsKey.keyArn,
      });
    }
    this.secretsKey = secretsKey;
    this.operationsKey = operationsKey;
    this.rotationFunction = rotationFunction;
  }
}

/**
 * Whether a workload account gets the rotation function, its topic and alarms: it has databases
 * and a VPC for the function. The governance's guard alerts use the same rule to find the topic.
 */
export function rotatesIn(workload: WorkloadConfig): workload is WorkloadConfig & { vpc: VpcConfig } {
  return workload.databases.length > 0 && workload.vpc !== undefined;
}
