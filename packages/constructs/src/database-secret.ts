import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretPolicy } from '@cdktf/provider-aws/lib/secretsmanager-secret-policy';
import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import type {
  DatabaseConfig,
  DatabaseUserConfig,
  RotationConfig,
} from '@credential-rotation/environment-config';
import { MANAGED_BY, TAG_KEYS, planRoleArn, secretName } from '@credential-rotation/environment-config';
import { Construct } from 'constructs';
import type { EncryptionKey } from './encryption-key';
import type { PolicyDocument } from './policy';
import { condition, conditions, deny, minify, policyDocument } from './policy';
import type { RotationFunction } from './rotation-function';

/**
 * A custom staging label kept on the version Terraform writes. Rotation moves AWSCURRENT and
 * AWSPREVIOUS away from it, but a labelled version is never deprecated, so Secrets Manager
 * never deletes it and Terraform never sees it vanish and "recreate" it over the live password.
 */
export const METADATA_VERSION_STAGE = 'TERRAFORM_METADATA';

export interface DatabaseSecretProps {
  readonly provider: AwsProvider;
  readonly environment: string;
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
  readonly database: DatabaseConfig;
  readonly user: DatabaseUserConfig;
  /** Encrypts the secret (and its replicas, through the key's replicas). */
  readonly key: EncryptionKey;
  /** Rotates the secret; its role is allowed to read and write the value. */
  readonly rotationFunction: RotationFunction;
  readonly rotation: RotationConfig;
  /**
   * Terraform's role: allowed to write the first version and read it back on refresh. Its plan role
   * (`planRoleArn(deployRoleArn)`, Terraform Cloud's plan phase) may read that version back too.
   */
  readonly deployRoleArn: string;
  /** Exact ARN of the application role that reads this secret. */
  readonly applicationRoleArn: string;
  /** ARN (or ARN pattern) of the account's break-glass reader role, e.g. `arn:aws:iam::<acct>:role/breakglass/BreakGlassSecretReader`. */
  readonly breakGlassRoleArnPattern: string;
  /** Regions the secret is replicated to. @default - none */
  readonly replicaRegions?: readonly string[];
  /** Days a deleted secret can be restored. @default 30 */
  readonly recoveryWindowInDays?: number;
}

/**
 * One database user's secret: connection metadata written once by Terraform (never a
 * password), encrypted with the account's key, tagged for the governance policies, guarded
 * by a resource policy, and rotated on the environment's schedule.
 */
export class DatabaseSecret extends Construct {
  public readonly secret: SecretsmanagerSecret;
  public readonly version: SecretsmanagerSecretVersion;
  public readonly rotation: SecretsmanagerSecretRotation;
  public readonly name: string;
  /** Principals allowed to read the value (exact ARNs and patterns); the last two only the metadata version. */
  public readonly readerArns: readonly string[];
  /** The principals that may read the metadata version by its id and no other version: the deploy role and its plan role. */
  public readonly metadataReaderArns: readonly string[];
  public readonly resourcePolicy: PolicyDocument;

  public constructor(scope: Construct, id: string, props: DatabaseSecretProps) {
    super(scope, id);
    const { provider, environment, database, user } = props;
    this.name = secretName(environment, database.name, user.username);
    this.metadataReaderArns = [props.deployRoleArn, planRoleArn(props.deployRoleArn)];
    this.readerArns = [
      props.applicationRoleArn,
      props.rotationFunction.roleArn,
      props.breakGlassRoleArnPattern,
      ...this.metadataReaderArns,
    ];
    const writerArns = [props.rotationFunction.roleArn, props.deployRoleArn];

    this.secret = new SecretsmanagerSecret(this, 'secret', {
      provider,
      name: this.name,
      description: `${database.engine} user ${user.username} on ${database.name} (rotated; value never in Terraform)`,
      kmsKeyId: props.key.keyArn,
      recoveryWindowInDays: props.recoveryWindowInDays ?? 30,
      replica: (props.replicaRegions ?? []).map((region) => ({ region, kmsKeyId: props.key.arnIn(region) })),
      tags: {
        [TAG_KEYS.environment]: environment,
        [TAG_KEYS.system]: user.tags.system,
        [TAG_KEYS.critical]: String(user.tags.critical),
        [TAG_KEYS.managedBy]: MANAGED_BY,
        [TAG_KEYS.breakGlassReadable]: user.breakGlassReadable ? environment : 'false',
      },
    });

    // The secret's id is its ARN; read once (see EncryptionKey.keyArn for why).
    const secretId = this.secret.id;
    this.version = new SecretsmanagerSecretVersion(this, 'metadata', {
      provider,
      secretId,
      // Connection metadata only: the first rotation adds the password (through the master
      // user), so no password ever enters the plan or the state.
      secretString: JSON.stringify({
        engine: database.engine,
        host: database.host,
        port: database.port,
        username: user.username,
        ...(database.dbname !== undefined ? { dbname: database.dbname } : {}),
        masterarn: database.masterSecretArn,
      }),
      versionStages: ['AWSCURRENT', METADATA_VERSION_STAGE],
      // Rotation replaces the value and moves the stages; neither is drift.
      lifecycle: { ignoreChanges: ['secret_string', 'version_stages'] },
    });

    // Service principals (e.g. replication) carry no aws:PrincipalArn; the deny is for people and roles.
    const notAService = condition('BoolIfExists', 'aws:PrincipalIsAWSService', 'false');
    // The deploy role is a reader because Terraform reads its own version back on refresh, by the
    // version's id and nothing else (GetSecretValue with VersionId). So it may read that version
    // only: the metadata, never AWSCURRENT, AWSPENDING or AWSPREVIOUS once rotation has moved them
    // to password-bearing versions. The read SCP denies it every read without a version id; this
    // statement pins the id, which only this policy can know (Terraform fills it in after the
    // version is written: creating the version reads it back before this policy exists).
    // Terraform Cloud's plan phase runs as the account's plan role and refreshes the same version, so
    // the plan role is pinned in the same statement: the metadata version and nothing else.
    this.resourcePolicy = policyDocument(
      deny({
        Sid: 'ReadOnlyByAllowedRoles',
        Principal: '*',
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
        Condition: conditions(condition('ArnNotLike', 'aws:PrincipalArn', this.readerArns), notAService),
      }),
      deny({
        Sid: 'DeployRoleReadsOnlyMetadataVersion',
        Principal: '*',
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
        Condition: conditions(
          condition('ArnLike', 'aws:PrincipalArn', this.metadataReaderArns),
          condition('StringNotEquals', 'secretsmanager:VersionId', this.version.versionId),
        ),
      }),
      deny({
        Sid: 'WriteOnlyByRotationAndDeploy',
        Principal: '*',
        Action: ['secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage'],
        Resource: '*',
        Condition: conditions(condition('ArnNotLike', 'aws:PrincipalArn', writerArns), notAService),
      }),
    );
    new SecretsmanagerSecretPolicy(this, 'policy', {
      provider,
      secretArn: secretId,
      policy: minify(this.resourcePolicy),
      blockPublicPolicy: true,
    });

    this.rotation = new SecretsmanagerSecretRotation(this, 'rotation', {
      provider,
      secretId,
      rotationLambdaArn: props.rotationFunction.functionArn,
      rotateImmediately: props.rotation.rotateImmediately,
      rotationRules: {
        scheduleExpression: props.rotation.schedule,
        duration: props.rotation.windowDuration,
      },
      dependsOn: [this.version, props.rotationFunction.invokePermission],
    });
  }
}
