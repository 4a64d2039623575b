/**
 * IAM policy documents as typed data. Every policy this repository writes (identity, trust,
 * key, resource, SCP) is built here and serialized with {@link minify}, so the synthesized
 * JSON is literal, reviewable and can be evaluated offline by a policy simulator.
 */

export type Effect = 'Allow' | 'Deny';

/** Condition operators this repository uses; `...IfExists` and set operators included. */
export type ConditionOperator =
  | 'StringEquals'
  | 'StringNotEquals'
  | 'StringEqualsIgnoreCase'
  | 'StringLike'
  | 'StringNotLike'
  | 'StringEqualsIfExists'
  | 'StringNotEqualsIfExists'
  | 'StringLikeIfExists'
  | 'StringNotLikeIfExists'
  | 'ArnEquals'
  | 'ArnNotEquals'
  | 'ArnLike'
  | 'ArnNotLike'
  | 'ArnLikeIfExists'
  | 'ArnNotLikeIfExists'
  | 'Bool'
  | 'BoolIfExists'
  | 'NumericLessThan'
  | 'NumericLessThanEquals'
  | 'NumericGreaterThan'
  | 'Null'
  | 'ForAnyValue:StringEquals'
  | 'ForAnyValue:StringLike'
  | 'ForAnyValue:StringEqualsIgnoreCase'
  | 'ForAllValues:StringEquals'
  | 'ForAllValues:StringLike';

export type ConditionValue = string | boolean | number | readonly (string | boolean | number)[];

/** `{ Operator: { 'context:Key': value } }` as IAM writes it. */
export type Conditions = {
  readonly [Operator in ConditionOperator]?: { readonly [key: string]: ConditionValue };
};

export type Principal =
  | '*'
  | {
      readonly AWS?: string | readonly string[];
      readonly Service?: string | readonly string[];
      readonly Federated?: string | readonly string[];
    };

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: Effect;
  readonly Principal?: Principal;
  readonly NotPrincipal?: Principal;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Conditions;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/** What {@link allow} and {@link deny} take: a statement without its effect. */
export type StatementProps = Omit<PolicyStatement, 'Effect'>;

/**
 * An Allow statement.
 *
 * @example allow({ Sid: 'Read', Action: ['secretsmanager:GetSecretValue'], Resource: secretArn })
 */
export function allow(props: StatementProps): PolicyStatement {
  return statement('Allow', props);
}

/**
 * A Deny statement.
 *
 * @example deny({ Sid: 'NoDelete', Principal: '*', Action: 'secretsmanager:DeleteSecret', Resource: '*' })
 */
export function deny(props: StatementProps): PolicyStatement {
  return statement('Deny', props);
}

/** Keeps the conventional key order (Sid, Effect, ...) so synthesized policies read naturally. */
function statement(effect: Effect, props: StatementProps): PolicyStatement {
  const { Sid, ...rest } = props;
  return Sid !== undefined ? { Sid, Effect: effect, ...rest } : { Effect: effect, ...rest };
}

/**
 * A policy document; statements that are `undefined` or `false` are left out, so optional
 * statements read as `flag && allow(...)`.
 *
 * @example policyDocument(allow({ Action: 'sns:Publish', Resource: topicArn }), tracing && allow(...))
 */
export function policyDocument(
  ...statements: readonly (PolicyStatement | undefined | false)[]
): PolicyDocument {
  const kept = statements.filter((s): s is PolicyStatement => s !== undefined && s !== false);
  const sids = kept.map((s) => s.Sid).filter((sid): sid is string => sid !== undefined);
  const duplicate = sids.find((sid, i) => sids.indexOf(sid) !== i);
  if (duplicate !== undefined) throw new PolicyDocumentError(`statement id ${duplicate} is used twice`);
  return { Version: '2012-10-17', Statement: kept };
}

/**
 * One condition block: `condition('StringEquals', 'aws:PrincipalAccount', '111111111111')`.
 * Combine several with {@link conditions}.
 */
export function condition(operator: ConditionOperator, key: string, value: ConditionValue): Conditions {
  return { [operator]: { [key]: value } };
}

/** Merges condition blocks; the same operator and key twice is a mistake and throws. */
export function conditions(...blocks: readonly (Conditions | undefined)[]): Conditions {
  const merged: Record<string, Record<string, ConditionValue>> = {};
  for (const block of blocks) {
    if (block === undefined) continue;
    for (const [operator, entries] of Object.entries(block)) {
      const target = (merged[operator] ??= {});
      for (const [key, value] of Object.entries(entries as Record<string, ConditionValue>)) {
        if (key in target) throw new PolicyDocumentError(`condition ${operator} ${key} is set twice`);
        target[key] = value;
      }
    }
  }
  return merged as Conditions;
}

/**
 * Serializes a policy without whitespace, writing one-element lists as scalars (IAM treats
 * both alike): SCPs are limited to 5,120 characters and every byte counts.
 *
 * @example new IamRolePolicy(this, 'policy', { policy: minify(document), ... })
 */
export function minify(document: PolicyDocument): string {
  return JSON.stringify(document, (key, value: unknown) => {
    // Condition values keep their lists: a one-element list and a scalar mean the same there too,
    // but keeping the shape of Action/Resource-like keys only is the simpler, safer rule.
    if (Array.isArray(value) && value.length === 1 && SCALAR_WHEN_SINGLE.has(key)) return value[0];
    return value;
  });
}

const SCALAR_WHEN_SINGLE = new Set([
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'AWS',
  'Service',
  'Federated',
]);

/** Every action a document allows, sorted; for tests and reviews. */
export function allowedActions(document: PolicyDocument): string[] {
  const actions = new Set<string>();
  for (const statement of document.Statement) {
    if (statement.Effect !== 'Allow' || statement.Action === undefined) continue;
    for (const action of typeof statement.Action === 'string' ? [statement.Action] : statement.Action) {
      actions.add(action);
    }
  }
  return [...actions].sort();
}

/** Thrown when a policy document would be ambiguous (duplicate Sid or condition key). */
export class PolicyDocumentError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PolicyDocumentError';
  }
}
