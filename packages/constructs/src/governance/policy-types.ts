/**
 * Policy document shapes used by the governance builders. Temporary: replaced by the shared
 * policy-document module of this package once it lands.
 */
export type ConditionValues = Record<string, string | readonly string[]>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | Readonly<Record<string, string | readonly string[]>>;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, ConditionValues>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/**
 * Minified JSON, the form every policy takes in cdk.tf.json. IAM policy variables such as
 * `${aws:username}` are escaped to `$${...}`: Terraform reads every JSON string as a template,
 * and would otherwise try to interpolate them.
 */
export function toPolicyJson(document: PolicyDocument): string {
  return JSON.stringify(document).replace(/\$\{(?=[a-z0-9-]+:)/gi, '$$${');
}
