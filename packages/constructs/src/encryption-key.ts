import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsReplicaKey } from '@cdktf/provider-aws/lib/kms-replica-key';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { MANAGED_BY, TAG_KEYS } from '@credential-rotation/environment-config';
import { Construct } from 'constructs';
import { keyAdministrationStatement, keyRefreshByPlanRoleStatement } from './key-policies';
import type { PolicyStatement } from './policy';
import { minify, policyDocument } from './policy';

export interface EncryptionKeyProps {
  /** The account's aliased provider. */
  readonly provider: AwsProvider;
  readonly partition: string;
  readonly accountId: string;
  /** Primary region of the key. */
  readonly region: string;
  /** Key alias without the `alias/` prefix; build it with `resourceName()`. */
  readonly aliasName: string;
  readonly description: string;
  /** The only principal that administers the key (see keyAdministrationStatement). */
  readonly deployRoleArn: string;
  /** Who may use the key, for a given region (the primary or a replica). */
  readonly usageStatements: (region: string) => readonly PolicyStatement[];
  /** Regions that get a replica of this (then multi-Region) key. @default - none, a single-Region key */
  readonly replicaRegions?: readonly string[];
  /** Waiting period before a deleted key is destroyed. @default 30 */
  readonly deletionWindowInDays?: number;
  /** Tags on the key, besides `managed-by` (always set). @default - only `managed-by` */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A customer-managed KMS key with yearly rotation, an alias, and a literal key policy:
 * administration by the deploy role, the reads of a refresh by its plan role, use only as
 * `usageStatements` allows. With replica
 * regions it is a multi-Region key and each replica carries the same policy for its region.
 */
export class EncryptionKey extends Construct {
  public readonly key: KmsKey;
  public readonly alias: KmsAlias;
  /** Replica keys by region. */
  public readonly replicas: ReadonlyMap<string, KmsReplicaKey>;
  /**
   * The key's ARN. Read once and shared: every attribute read creates a new token, and cdktf
   * records a stack trace per token, which dominates synth time for thousands of secrets.
   */
  public readonly keyArn: string;
  private readonly arnsByRegion = new Map<string, string>();
  /** The key policy of the primary key, as a document (for tests and reviews). */
  public readonly policy: ReturnType<typeof policyDocument>;

  public constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const replicaRegions = props.replicaRegions ?? [];
    const administrators = {
      partition: props.partition,
      accountId: props.accountId,
      deployRoleArn: props.deployRoleArn,
    };
    const policyFor = (region: string) =>
      policyDocument(
        keyAdministrationStatement(administrators),
        keyRefreshByPlanRoleStatement(administrators),
        ...props.usageStatements(region),
      );
    this.policy = policyFor(props.region);
    // The managed-by tag is what the guardrails protect keys by (no disable, deletion or new policy
    // but by the deploy role); it is written on the key itself, not left to the provider's default tags.
    const tags = { ...props.tags, [TAG_KEYS.managedBy]: MANAGED_BY };

    this.key = new KmsKey(this, 'key', {
      provider: props.provider,
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowInDays ?? 30,
      multiRegion: replicaRegions.length > 0,
      policy: minify(this.policy),
      tags,
    });
    this.keyArn = this.key.arn;
    this.alias = new KmsAlias(this, 'alias', {
      provider: props.provider,
      name: `alias/${props.aliasName}`,
      targetKeyId: this.key.keyId,
    });

    const replicas = new Map<string, KmsReplicaKey>();
    for (const region of replicaRegions) {
      const replica = new KmsReplicaKey(this, `replica-${region}`, {
        provider: props.provider,
        region,
        primaryKeyArn: this.keyArn,
        description: `${props.description} (replica)`,
        deletionWindowInDays: props.deletionWindowInDays ?? 30,
        policy: minify(policyFor(region)),
        tags,
      });
      new KmsAlias(this, `replica-alias-${region}`, {
        provider: props.provider,
        region,
        name: `alias/${props.aliasName}`,
        targetKeyId: replica.keyId,
      });
      replicas.set(region, replica);
      this.arnsByRegion.set(region, replica.arn);
    }
    this.replicas = replicas;
  }

  /** The key ARN to use in `region` (the primary's or its replica's). */
  public arnIn(region: string): string {
    return this.arnsByRegion.get(region) ?? this.keyArn;
  }
}
