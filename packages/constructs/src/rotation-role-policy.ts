/**
 * The rotation function's identity policy: exactly the actions AWS documents for a rotation
 * function in a VPC, scoped to this environment's secrets in this account. Not
 * SecretsManagerReadWrite.
 */
import type { PolicyDocument } from './policy';
import { allow, condition, conditions, policyDocument } from './policy';

export interface RotationRolePolicyProps {
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
  /** e.g. `prod/rds/`: the function may only touch secrets under this name prefix. */
  readonly secretNamePrefix: string;
  /** Value of the `managed-by` tag the managed secrets carry. */
  readonly managedByTag: { readonly key: string; readonly value: string };
  /** The function's log group name. */
  readonly logGroupName: string;
  /** RDS-managed master secrets the function logs in with. */
  readonly masterSecretArns: readonly string[];
  /** Customer-managed keys of master secrets, if any. @default - none (aws/secretsmanager) */
  readonly masterSecretKeyArns?: readonly string[];
  /**
   * Regions the secrets replicate to: Secrets Manager re-encrypts each replica with that region's
   * replica key on behalf of the caller that changed the value (here, the rotation function).
   * @default - none
   */
  readonly replicaRegions?: readonly string[];
  /** Adds the X-Ray actions. @default false */
  readonly tracing?: boolean;
}

export function rotationRolePolicy(props: RotationRolePolicyProps): PolicyDocument {
  const { partition, accountId, region } = props;
  const managedSecrets = `arn:${partition}:secretsmanager:${region}:${accountId}:secret:${props.secretNamePrefix}*`;
  const masterKeys = props.masterSecretKeyArns ?? [];
  const keyRegions = [region, ...(props.replicaRegions ?? [])];
  const inRegions = <T>(build: (r: string) => T): T | T[] => {
    const values = keyRegions.map(build);
    return values.length === 1 ? (values[0] as T) : values;
  };
  return policyDocument(
    allow({
      Sid: 'RotateManagedSecrets',
      // ListSecretVersionIds: setSecret finds the version whose password the database holds when
      // someone removed AWSPENDING by hand (versions and stages only, never a value).
      Action: [
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
        'secretsmanager:ListSecretVersionIds',
        'secretsmanager:PutSecretValue',
        'secretsmanager:UpdateSecretVersionStage',
      ],
      Resource: managedSecrets,
      Condition: condition(
        'StringEquals',
        `aws:ResourceTag/${props.managedByTag.key}`,
        props.managedByTag.value,
      ),
    }),
    props.masterSecretArns.length > 0 &&
      allow({
        Sid: 'ReadMasterSecrets',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: [...props.masterSecretArns].sort(),
      }),
    allow({
      // Lambda attaches the function to the VPC with the execution role; these actions
      // support no resource-level scoping beyond "*" (as in AWSLambdaVPCAccessExecutionRole).
      Sid: 'AttachToVpc',
      Action: [
        'ec2:AssignPrivateIpAddresses',
        'ec2:CreateNetworkInterface',
        'ec2:DeleteNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:UnassignPrivateIpAddresses',
      ],
      Resource: '*',
    }),
    allow({
      Sid: 'WriteOwnLogs',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `arn:${partition}:logs:${region}:${accountId}:log-group:${props.logGroupName}:*`,
    }),
    allow({
      Sid: 'UseSecretsKeyThroughSecretsManager',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: inRegions((r) => `arn:${partition}:kms:${r}:${accountId}:key/*`),
      Condition: conditions(
        condition(
          'StringEquals',
          'kms:ViaService',
          inRegions((r) => `secretsmanager.${r}.amazonaws.com`),
        ),
        condition(
          'StringLike',
          'kms:EncryptionContext:SecretARN',
          inRegions(
            (r) => `arn:${partition}:secretsmanager:${r}:${accountId}:secret:${props.secretNamePrefix}*`,
          ),
        ),
      ),
    }),
    masterKeys.length > 0 &&
      allow({
        Sid: 'DecryptMasterSecrets',
        Action: ['kms:Decrypt'],
        Resource: [...masterKeys].sort(),
        Condition: conditions(
          condition('StringEquals', 'kms:ViaService', `secretsmanager.${region}.amazonaws.com`),
          condition('StringEquals', 'kms:EncryptionContext:SecretARN', [...props.masterSecretArns].sort()),
        ),
      }),
    props.tracing === true &&
      allow({ Sid: 'Tracing', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' }),
  );
}
