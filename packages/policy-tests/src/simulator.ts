/**
 * One authorization request evaluated with @cloud-copilot/iam-simulate, with the
 * organization policies that apply to the caller's account (SCPs) and to the resource's
 * account (RCPs). Refuses to answer when the simulator ignored a context key or rejected a
 * policy: a silently dropped key would make a Deny look like proof.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { Simulation } from '@cloud-copilot/iam-simulate';
import { applyEncryptionContext, splitEncryptionContext } from './encryption-context';
import { PolicyEvaluationError } from './errors';
import type { NamedPolicy, PolicyJson } from './stack-policies';

export type Decision = 'Allowed' | 'Denied';

export interface AccessRequest {
  /** The caller: an IAM user ARN or an assumed-role session ARN. */
  readonly principal: string;
  /** The account the caller belongs to: decides which SCPs apply. */
  readonly principalAccount: string;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount: string;
  /** Every context key of the request, passed as-is. */
  readonly context: Readonly<Record<string, string | readonly string[]>>;
  readonly identityPolicies: readonly NamedPolicy[];
  /** Trust policy, secret policy or key policy of the resource. @default - none */
  readonly resourcePolicy?: PolicyJson;
}

/** SCPs and RCPs of the environment's OUs, and which accounts sit in them. */
export interface OrganizationModel {
  readonly organizationId: string;
  /** Account id -> the OU it is in (only accounts under the environment's OUs). */
  readonly accountOu: ReadonlyMap<string, string>;
  readonly serviceControlPolicies: readonly NamedPolicy[];
  readonly resourceControlPolicies: readonly NamedPolicy[];
}

export interface Evaluation {
  readonly decision: Decision;
  /** The simulator's own answer: Allowed, ExplicitlyDenied or ImplicitlyDenied. */
  readonly result: string;
}

const FULL_AWS_ACCESS: NamedPolicy = {
  name: 'FullAWSAccess',
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

/**
 * Evaluates one request.
 *
 * @example await evaluate({ principal, principalAccount, action: 'secretsmanager:GetSecretValue', ... }, org)
 */
export async function evaluate(request: AccessRequest, org: OrganizationModel): Promise<Evaluation> {
  const { encryptionContext, rest: context } = splitEncryptionContext(request.context);
  const decide = (policy: PolicyJson) => applyEncryptionContext(policy, encryptionContext);
  const callerOu = org.accountOu.get(request.principalAccount);
  const resourceOu = org.accountOu.get(request.resourceAccount);
  const simulation: Simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.resourceAccount },
      contextVariables: Object.fromEntries(
        Object.entries(context).map(([key, value]) => [key, typeof value === 'string' ? value : [...value]]),
      ),
    },
    identityPolicies: request.identityPolicies.map((p) => ({ name: p.name, policy: decide(p.policy) })),
    // SCPs need an Allow at every level; AWS attaches FullAWSAccess to each by default.
    serviceControlPolicies:
      callerOu === undefined
        ? []
        : [
            { orgIdentifier: 'r-root', policies: [FULL_AWS_ACCESS] },
            { orgIdentifier: callerOu, policies: [FULL_AWS_ACCESS, ...org.serviceControlPolicies] },
            { orgIdentifier: request.principalAccount, policies: [FULL_AWS_ACCESS] },
          ],
    resourceControlPolicies:
      resourceOu === undefined
        ? []
        : [
            { orgIdentifier: 'r-root', policies: [] },
            { orgIdentifier: resourceOu, policies: [...org.resourceControlPolicies] },
            { orgIdentifier: request.resourceAccount, policies: [] },
          ],
    ...(request.resourcePolicy !== undefined ? { resourcePolicy: decide(request.resourcePolicy) } : {}),
  };
  const result = await runSimulation(simulation, { simulationMode: 'Strict' });
  if (result.resultType === 'error') {
    throw new PolicyEvaluationError(
      `${request.action} on ${request.resource}: the simulator rejected the request: ${JSON.stringify(result.errors)}`,
    );
  }
  if (result.resultType !== 'single') {
    throw new PolicyEvaluationError(
      `${request.action} on ${request.resource}: use a resource without wildcards`,
    );
  }
  const ignored = result.result.ignoredContextKeys ?? [];
  if (ignored.length > 0) {
    throw new PolicyEvaluationError(
      `${request.action} on ${request.resource}: context keys ${ignored.join(', ')} do not apply to this action and were ignored; pass only keys AWS sends`,
    );
  }
  return {
    decision: result.overallResult === 'Allowed' ? 'Allowed' : 'Denied',
    result: result.overallResult,
  };
}
