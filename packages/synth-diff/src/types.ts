/** A JSON value as found in a synthesized `cdk.tf.json`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** One synthesized stack: its name and the parsed `cdk.tf.json`. */
export interface SynthStack {
  /** Stack name (the folder name under `cdktf.out/stacks`). */
  readonly name: string;
  /** The parsed `cdk.tf.json` document. */
  readonly document: JsonObject;
}

/** A set of stacks read from one side of the comparison. */
export interface StackSet {
  /** Stacks by name, in manifest order when `manifest.json` exists, otherwise by name. */
  readonly stacks: ReadonlyMap<string, SynthStack>;
  /**
   * True when the input was a single stack folder (a folder holding `cdk.tf.json`) rather than a
   * whole `cdktf.out`; two single stacks are compared with each other whatever their names.
   */
  readonly single: boolean;
}

/** What a Terraform block is. */
export type BlockKind = 'resource' | 'data' | 'provider' | 'variable' | 'output' | 'terraform';

/** One addressable block of a stack (resource, data source, provider configuration, input variable, output, settings). */
export interface SynthBlock {
  readonly kind: BlockKind;
  /** Terraform-style address: `aws_iam_role.reader`, `data.aws_caller_identity.current`, `provider.aws.workload`. */
  readonly address: string;
  /** Resource or data source type (`aws_iam_role`), provider name for providers, kind otherwise. */
  readonly type: string;
  /** Local name (`reader`), alias for providers. */
  readonly name: string;
  /** Provider configuration the block uses (`aws.workload`); undefined for outputs and settings. */
  readonly provider: string | undefined;
  /** The block body without cdktf `//` metadata. */
  readonly body: JsonObject;
}

/** A change to one attribute (leaf) of a block. */
export interface AttributeChange {
  /** Path inside the block, such as `rotation_rules[0].automatically_after_days`. */
  readonly path: string;
  /** JSON text of the old value; undefined when the attribute is new. */
  readonly before: string | undefined;
  /** JSON text of the new value; undefined when the attribute was removed. */
  readonly after: string | undefined;
  /** True when the values were replaced by a placeholder because they may be secret. */
  readonly redacted: boolean;
}

/** A policy statement normalized for comparison: singletons become sorted arrays. */
export interface NormalizedStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action?: readonly string[];
  readonly NotAction?: readonly string[];
  readonly Resource?: readonly string[];
  readonly NotResource?: readonly string[];
  readonly Principal?: NormalizedPrincipal;
  readonly NotPrincipal?: NormalizedPrincipal;
  /** Operator -> condition key -> sorted values. */
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** `"*"` or principal type (`AWS`, `Service`, `Federated`) -> sorted identifiers. */
export type NormalizedPrincipal = '*' | Readonly<Record<string, readonly string[]>>;

/** How a statement differs between the two sides. */
export type StatementChangeKind = 'added' | 'removed' | 'changed';

/** One statement-level difference of a policy document. */
export interface StatementChange {
  readonly change: StatementChangeKind;
  /** The statement's Sid when it has one. */
  readonly sid: string | undefined;
  readonly before: NormalizedStatement | undefined;
  readonly after: NormalizedStatement | undefined;
}

/** Differences of one attribute that holds an IAM-style policy document (identity, trust, SCP, key, resource policy). */
export interface PolicyChange {
  /** Attribute path holding the policy, such as `assume_role_policy` or `content`. */
  readonly path: string;
  /** Statement-level changes (statements equal on both sides are not listed). */
  readonly statements: readonly StatementChange[];
  /** `Version` before and after when it changed. */
  readonly version: { readonly before: string | undefined; readonly after: string | undefined } | undefined;
}

/** What happened to a block. */
export type BlockChangeKind = 'added' | 'removed' | 'changed' | 'renamed';

/** One block-level difference. */
export interface BlockDiff {
  readonly change: BlockChangeKind;
  readonly kind: BlockKind;
  /** Address on the head side (base side for removed blocks). */
  readonly address: string;
  /** For renamed blocks: the address on the base side. */
  readonly previousAddress: string | undefined;
  /** For renamed blocks: true when a `moved` block tells Terraform to keep the object. */
  readonly moved: boolean;
  readonly type: string;
  readonly provider: string | undefined;
  /** Attribute changes (changed and renamed blocks only), policies excluded. */
  readonly attributes: readonly AttributeChange[];
  /** Policy documents: statement changes; for added/removed blocks every statement is listed. */
  readonly policies: readonly PolicyChange[];
}

/** Counts of block changes in a stack. */
export interface DiffCounts {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
  readonly renamed: number;
}

/** What happened to a stack. */
export type StackStatus = 'added' | 'removed' | 'changed' | 'unchanged';

/** The comparison of one stack. */
export interface StackDiff {
  readonly stack: string;
  readonly status: StackStatus;
  readonly counts: DiffCounts;
  readonly blocks: readonly BlockDiff[];
}

/** The comparison of two synth outputs. */
export interface DiffReport {
  readonly stacks: readonly StackDiff[];
}
