/**
 * The policies of a synthesized stack, resolved and parsed: organization policies with their
 * targets, roles with trust and identity policies, secrets with tags, resource policy and key,
 * and KMS key policies.
 */
import { PolicyEvaluationError } from './errors';
import type { StackResource, SynthesizedStack } from './synthesized-stack';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- IAM documents are free-form JSON handed to the simulator
export type PolicyJson = any;

export interface OrganizationPolicy {
  readonly address: string;
  readonly name: string;
  readonly type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  /** The content exactly as synthesized (resolved), for size checks. */
  readonly content: string;
  readonly document: PolicyJson;
  readonly targetIds: readonly string[];
}

export interface NamedPolicy {
  readonly name: string;
  readonly policy: PolicyJson;
}

export interface RoleModel {
  readonly address: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly accountId: string;
  readonly trust: PolicyJson;
  readonly identityPolicies: readonly NamedPolicy[];
  /** AWS-managed policies attached by ARN: not in the stack, so not evaluated. */
  readonly awsManagedPolicyArns: readonly string[];
  readonly maxSessionDuration?: number;
}

export interface SecretModel {
  readonly address: string;
  readonly name: string;
  readonly arn: string;
  readonly accountId: string;
  readonly region: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly resourcePolicy?: PolicyJson;
  readonly kmsKeyArn?: string;
  /** Id of the version Terraform wrote (staging label TERRAFORM_METADATA), when the stack writes one. */
  readonly metadataVersionId?: string;
}

export interface KeyModel {
  readonly address: string;
  readonly arn: string;
  readonly accountId: string;
  readonly region: string;
  readonly policy: PolicyJson;
  /** Tags written on the key itself (the guardrails protect keys by `managed-by`). */
  readonly tags: Readonly<Record<string, string>>;
}

export interface StackPolicies {
  readonly organizationPolicies: readonly OrganizationPolicy[];
  readonly roles: readonly RoleModel[];
  readonly secrets: readonly SecretModel[];
  readonly keys: readonly KeyModel[];
}

export function extractPolicies(stack: SynthesizedStack): StackPolicies {
  return {
    organizationPolicies: organizationPolicies(stack),
    roles: roles(stack),
    secrets: secrets(stack),
    keys: keys(stack),
  };
}

function parse(stack: SynthesizedStack, resource: StackResource, attribute: string): PolicyJson {
  const raw = resource.body[attribute];
  if (typeof raw !== 'string') {
    throw new PolicyEvaluationError(`${resource.address}.${attribute} is not a literal policy string`);
  }
  try {
    return JSON.parse(stack.resolve(raw)) as PolicyJson;
  } catch (error) {
    throw new PolicyEvaluationError(
      `${resource.address}.${attribute} is not JSON after resolving references`,
      {
        cause: error,
      },
    );
  }
}

function organizationPolicies(stack: SynthesizedStack): OrganizationPolicy[] {
  const attachments = stack.resources('aws_organizations_policy_attachment');
  return stack.resources('aws_organizations_policy').map((resource) => {
    const id = stack.evaluate(`${resource.address}.id`);
    const content = stack.resolve(String(resource.body['content']));
    return {
      address: resource.address,
      name: String(resource.body['name']),
      type: (resource.body['type'] ?? 'SERVICE_CONTROL_POLICY') as OrganizationPolicy['type'],
      content,
      document: JSON.parse(content) as PolicyJson,
      targetIds: attachments
        .filter((a) => stack.resolve(String(a.body['policy_id'])) === id)
        .map((a) => stack.resolve(String(a.body['target_id']))),
    };
  });
}

function roles(stack: SynthesizedStack): RoleModel[] {
  const inline = stack.resources('aws_iam_role_policy');
  const attachments = stack.resources('aws_iam_role_policy_attachment');
  const managed = new Map(
    stack.resources('aws_iam_policy').map((p) => [stack.evaluate(`${p.address}.arn`), p]),
  );
  return stack.resources('aws_iam_role').map((resource) => {
    const name = stack.evaluate(`${resource.address}.name`);
    const belongs = (r: StackResource) =>
      stack.resolve(String(r.body['role'])) === name && r.providerAlias === resource.providerAlias;
    const identityPolicies: NamedPolicy[] = inline
      .filter(belongs)
      .map((p) => ({ name: String(p.body['name'] ?? p.address), policy: parse(stack, p, 'policy') }));
    const embedded = resource.body['inline_policy'];
    if (Array.isArray(embedded)) {
      for (const entry of embedded as Record<string, unknown>[]) {
        if (typeof entry['policy'] === 'string') {
          identityPolicies.push({
            name: String(entry['name']),
            policy: JSON.parse(stack.resolve(entry['policy'])),
          });
        }
      }
    }
    const awsManagedPolicyArns: string[] = [];
    for (const attachment of attachments.filter(belongs)) {
      const arn = stack.resolve(String(attachment.body['policy_arn']));
      const policy = managed.get(arn);
      if (policy !== undefined) identityPolicies.push({ name: arn, policy: parse(stack, policy, 'policy') });
      else awsManagedPolicyArns.push(arn);
    }
    const maxSession = resource.body['max_session_duration'];
    return {
      address: resource.address,
      name,
      path: typeof resource.body['path'] === 'string' ? resource.body['path'] : '/',
      arn: stack.evaluate(`${resource.address}.arn`),
      accountId: resource.accountId,
      trust: parse(stack, resource, 'assume_role_policy'),
      identityPolicies,
      awsManagedPolicyArns,
      ...(typeof maxSession === 'number' ? { maxSessionDuration: maxSession } : {}),
    };
  });
}

/** The staging label DatabaseSecret keeps on the version Terraform writes. */
const METADATA_VERSION_STAGE = 'TERRAFORM_METADATA';

function secrets(stack: SynthesizedStack): SecretModel[] {
  const policies = stack.resources('aws_secretsmanager_secret_policy');
  const versions = stack
    .resources('aws_secretsmanager_secret_version')
    .filter(
      (v) =>
        Array.isArray(v.body['version_stages']) && v.body['version_stages'].includes(METADATA_VERSION_STAGE),
    );
  return stack.resources('aws_secretsmanager_secret').map((resource) => {
    const arn = stack.evaluate(`${resource.address}.arn`);
    const policy = policies.find((p) => stack.resolve(String(p.body['secret_arn'])) === arn);
    const kms = resource.body['kms_key_id'];
    const tags = (resource.body['tags'] ?? {}) as Record<string, string>;
    const metadata = versions.find((v) => stack.resolve(String(v.body['secret_id'])) === arn);
    return {
      address: resource.address,
      name: stack.evaluate(`${resource.address}.name`),
      arn,
      accountId: resource.accountId,
      region: resource.region,
      tags: Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, stack.resolve(String(v))])),
      ...(policy !== undefined ? { resourcePolicy: parse(stack, policy, 'policy') } : {}),
      ...(typeof kms === 'string' ? { kmsKeyArn: stack.resolve(kms) } : {}),
      ...(metadata !== undefined
        ? { metadataVersionId: stack.evaluate(`${metadata.address}.version_id`) }
        : {}),
    };
  });
}

function keys(stack: SynthesizedStack): KeyModel[] {
  return [...stack.resources('aws_kms_key'), ...stack.resources('aws_kms_replica_key')].map((resource) => ({
    address: resource.address,
    arn: stack.evaluate(`${resource.address}.arn`),
    accountId: resource.accountId,
    region: resource.region,
    policy: parse(stack, resource, 'policy'),
    tags: Object.fromEntries(
      Object.entries((resource.body['tags'] ?? {}) as Record<string, string>).map(([k, v]) => [
        k,
        stack.resolve(v),
      ]),
    ),
  }));
}
