import { LayoutMoveError } from './errors';

/** A resource instance's attributes as `terraform state pull` records them. */
export type StateAttributes = Readonly<Record<string, unknown>>;

/**
 * How each resource type of these stacks is imported (AWS provider 6): the import ID from the
 * attributes the old state holds. Most types import by their `id`; the others are spelled out.
 * A type missing here is refused by {@link importId}, so a new resource type cannot slip into a
 * layout move unreviewed: add it with the format its provider documentation's Import section gives.
 */
const IMPORT_ID: Readonly<Record<string, (a: StateAttributes) => string>> = {
  aws_cloudwatch_event_bus: byId,
  aws_cloudwatch_event_bus_policy: byId, // the bus name
  aws_cloudwatch_event_rule: byId, // `<bus>/<rule>`, or `<rule>` on the default bus
  // `<bus>/<rule>/<target_id>`; the state's id (`<rule>-<target_id>`) is not an import ID.
  aws_cloudwatch_event_target: (a) => {
    const bus = text(a, 'event_bus_name', 'default');
    const rule = text(a, 'rule');
    const target = text(a, 'target_id');
    return bus === 'default' ? `${rule}/${target}` : `${bus}/${rule}/${target}`;
  },
  aws_chatbot_slack_channel_configuration: byId, // the chat configuration ARN
  aws_cloudwatch_log_group: byId, // the name
  aws_cloudwatch_metric_alarm: byId, // the alarm name
  aws_config_config_rule: byId, // the rule name
  aws_iam_policy: byId, // the ARN
  aws_iam_role: byId, // the name
  aws_iam_role_policy: byId, // `<role>:<policy name>`
  // `<role>/<policy ARN>`; the state's id is `<role>-<timestamp>`.
  aws_iam_role_policy_attachment: (a) => `${text(a, 'role')}/${text(a, 'policy_arn')}`,
  aws_kms_alias: byId, // `alias/<name>`
  aws_kms_key: byId, // the key id
  aws_kms_replica_key: byId, // the key id (in the replica region: see the @region suffix)
  aws_lambda_function: byId, // the function name
  // `<function>/<statement id>`; the state's id is the statement id alone.
  aws_lambda_permission: (a) => {
    const qualifier = text(a, 'qualifier', '');
    return `${text(a, 'function_name')}${qualifier === '' ? '' : `:${qualifier}`}/${text(a, 'statement_id')}`;
  },
  aws_organizations_policy: byId, // `p-...`
  aws_organizations_policy_attachment: byId, // `<target id>:<policy id>`
  aws_secretsmanager_secret: byId, // the ARN
  aws_secretsmanager_secret_policy: byId, // the secret ARN
  aws_secretsmanager_secret_rotation: byId, // the secret ARN
  aws_secretsmanager_secret_version: byId, // `<secret ARN>|<version id>`
  aws_security_group: byId,
  aws_sns_topic: byId, // the ARN
  aws_sns_topic_policy: byId, // the topic ARN
  aws_sns_topic_subscription: byId, // the subscription ARN
  aws_vpc_endpoint: byId,
  aws_vpc_security_group_egress_rule: byId, // `sgr-...`
  aws_vpc_security_group_ingress_rule: byId, // `sgr-...`
};

/** Resource types a layout move can import; anything else is refused with its name. */
export const IMPORTABLE_TYPES: readonly string[] = Object.keys(IMPORT_ID).sort();

/**
 * The import ID of one resource instance from its attributes in the old state. A resource the
 * config puts in another region than its provider's (`region` argument, AWS provider 6) is
 * imported as `<id>@<region>`.
 *
 * @example importId('aws_lambda_permission', { function_name: 'f', statement_id: 's' }) // 'f/s'
 */
export function importId(type: string, attributes: StateAttributes, regionOverride?: string): string {
  const format = IMPORT_ID[type];
  if (format === undefined) {
    throw new LayoutMoveError(
      `resource type ${type} has no import ID rule: add it to IMPORT_ID in apps/infra/src/import-ids.ts (see its provider documentation's Import section)`,
    );
  }
  const id = format(attributes);
  return regionOverride === undefined ? id : `${id}@${regionOverride}`;
}

function byId(attributes: StateAttributes): string {
  return text(attributes, 'id');
}

function text(attributes: StateAttributes, key: string, fallback?: string): string {
  const value = attributes[key];
  if (typeof value === 'string' && value !== '') return value;
  if (fallback !== undefined) return fallback;
  throw new LayoutMoveError(`the state records no ${key} for this resource`);
}
