/**
 * Structural rules on every synthesized trust policy, including the one checkov's CKV_AWS_61
 * would flag: a trust that names an account root must narrow it by aws:PrincipalArn.
 */
import type { PolicyJson, RoleModel } from '../src';
import { extractPolicies, loadSynthesizedStack } from '../src';

function statements(policy: PolicyJson): PolicyJson[] {
  return Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
}

function awsPrincipals(statement: PolicyJson): string[] {
  const aws = statement.Principal?.AWS;
  if (aws === undefined) return [];
  return Array.isArray(aws) ? aws : [aws];
}

describe.each(['dev', 'staging', 'prod'])('%s: trust policies', (environment) => {
  const { roles } = extractPolicies(loadSynthesizedStack(environment));

  it.each(roles.map((r) => [r.name, r] as const))(
    '%s narrows any account-root principal by aws:PrincipalArn',
    (_name, role: RoleModel) => {
      for (const statement of statements(role.trust).filter((s) => s.Effect === 'Allow')) {
        if (!awsPrincipals(statement).some((p) => /^\d{12}$|:root$/.test(p))) continue;
        const arnConditions = ['ArnLike', 'ArnEquals'].flatMap((op) =>
          Object.keys(statement.Condition?.[op] ?? {}),
        );
        expect({ role: role.arn, sid: statement.Sid, arnConditions }).toEqual({
          role: role.arn,
          sid: statement.Sid,
          arnConditions: expect.arrayContaining(['aws:PrincipalArn']),
        });
      }
    },
  );

  it.each(roles.map((r) => [r.name, r] as const))(
    '%s has a trust policy within the 2,048-character IAM quota',
    (_name, role) => {
      expect(JSON.stringify(role.trust).length).toBeLessThanOrEqual(2048);
    },
  );

  it('limits every /breakglass/ role to one-hour sessions', () => {
    const breakGlass = roles.filter((r) => r.path === '/breakglass/' && !r.name.includes('alert-forwarder'));
    expect(breakGlass.length).toBeGreaterThan(1);
    for (const role of breakGlass)
      expect({ role: role.arn, max: role.maxSessionDuration }).toEqual({ role: role.arn, max: 3600 });
  });

  it('lets each reader role trust the central role ARN and nothing else', () => {
    const central = roles.find((r) => r.name === `${environment}-breakglass-central`);
    const readers = roles.filter((r) => r.name === 'BreakGlassSecretReader');
    expect(readers.length).toBeGreaterThan(0);
    for (const reader of readers) {
      const principals = statements(reader.trust).flatMap((s) => awsPrincipals(s));
      expect(new Set(principals)).toEqual(new Set([central?.arn]));
    }
  });
});
