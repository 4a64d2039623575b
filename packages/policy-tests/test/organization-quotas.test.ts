/**
 * The organization quotas, checked on the synthesized policies: an SCP or RCP holds at most
 * 5,120 characters, and a target carries at most five SCPs counting AWS's FullAWSAccess.
 */
import { extractPolicies, loadSynthesizedStack } from '../src';

const MAX_POLICY_CHARACTERS = 5120;
const MAX_SCPS_PER_TARGET = 5;
const FULL_AWS_ACCESS = 1;

describe.each(['dev', 'staging', 'prod'])('%s: organization policies', (environment) => {
  const stack = loadSynthesizedStack(environment);
  const { organizationPolicies } = extractPolicies(stack);

  it('names every policy for the environment', () => {
    expect(organizationPolicies.length).toBeGreaterThan(0);
    for (const policy of organizationPolicies) expect(policy.name).toMatch(new RegExp(`^${environment}-`));
  });

  it.each(organizationPolicies.map((p) => [p.name, p] as const))(
    '%s is minified and within 5,120 characters',
    (_name, policy) => {
      expect(policy.content.length).toBeLessThanOrEqual(MAX_POLICY_CHARACTERS);
      expect(JSON.stringify(JSON.parse(policy.content))).toBe(policy.content);
    },
  );

  it('attaches at most five SCPs to each target, counting FullAWSAccess', () => {
    const perTarget = new Map<string, number>();
    for (const policy of organizationPolicies.filter((p) => p.type === 'SERVICE_CONTROL_POLICY')) {
      for (const target of policy.targetIds) perTarget.set(target, (perTarget.get(target) ?? 0) + 1);
    }
    expect(perTarget.size).toBeGreaterThan(0);
    for (const [target, count] of perTarget) {
      expect({ target, scps: count + FULL_AWS_ACCESS }).toEqual({ target, scps: expect.any(Number) });
      expect(count + FULL_AWS_ACCESS).toBeLessThanOrEqual(MAX_SCPS_PER_TARGET);
    }
  });

  it('writes no policy through aws_iam_policy_document data sources', () => {
    expect(stack.resources('aws_iam_policy_document', 'data')).toEqual([]);
  });
});
