import { GovernanceConfigError } from '@credential-rotation/environment-config';
import {
  allowListMembers,
  allowLists,
  arnPatternCovers,
  assertEveryMemberGuarded,
  deployRolePrincipals,
  executors,
  guardedSet,
  guardRules,
  unguardedMembers,
} from '../../src/governance';
import type { AllowListInputs } from '../../src/governance';

const inputs: AllowListInputs = {
  partition: 'aws',
  environment: 'prod',
  deployRoles: deployRolePrincipals([
    'arn:aws:iam::111111111111:role/deploy/terraform',
    'arn:aws:iam::222222222222:role/deploy/terraform',
    'arn:aws:iam::333333333333:role/platform/special-deployer',
  ]),
  breakGlassReaderRoleName: 'BreakGlassSecretReader',
  breakGlassCentralRoleArn: 'arn:aws:iam::444444444444:role/breakglass/prod-breakglass-central',
};

describe('allowLists', () => {
  it('makes the plan roles version readers beside the deploy roles, and nothing else', () => {
    const lists = allowLists(inputs);
    const plans = [
      'arn:aws:iam::*:role/tfc-plan/terraform-plan',
      'arn:aws:iam::333333333333:role/tfc-plan/special-deployer-plan',
    ];
    expect(lists.planRoles).toEqual(plans);
    expect(lists.versionReaders).toEqual([...lists.deployers, ...plans]);
    for (const list of [
      lists.valueReaders,
      lists.valueWriters,
      lists.deployers,
      lists.readers,
      lists.readerAssumers,
    ]) {
      expect(list.filter((member) => plans.includes(member))).toEqual([]);
    }
  });
});

describe('guardedSet', () => {
  it('guards every allow-listed principal: the protected paths cover most, the deploy roles and their plan roles are added by ARN', () => {
    const guarded = guardedSet(inputs);
    expect(guarded.roles).toEqual([
      'arn:aws:iam::*:role/workload/*',
      'arn:aws:iam::*:role/secrets-rotation/*',
      'arn:aws:iam::*:role/breakglass/*',
      'arn:aws:iam::*:role/audit/*',
      'arn:aws:iam::*:role/deploy/terraform',
      'arn:aws:iam::333333333333:role/platform/special-deployer',
      'arn:aws:iam::*:role/tfc-plan/terraform-plan',
      'arn:aws:iam::333333333333:role/tfc-plan/special-deployer-plan',
    ]);
    expect(
      unguardedMembers(allowLists(inputs), guarded.executors, {
        roles: guarded.roles,
        functions: ['arn:aws:lambda:*:*:function:prod-secrets-rotation-*'],
      }),
    ).toEqual([]);
  });

  it('lists the rotation functions as executors running as the rotation role', () => {
    expect(executors(inputs)).toEqual([
      {
        description: 'rotation functions',
        arnPattern: 'arn:aws:lambda:*:*:function:prod-secrets-rotation-*',
        runsAs: 'arn:aws:iam::*:role/secrets-rotation/*',
      },
    ]);
  });

  it('refuses guards that leave an allow-listed principal or an executor out', () => {
    const lists = allowLists(inputs);
    const withoutDeploy = {
      roles: guardedSet(inputs).roles.slice(0, 3),
      functions: ['arn:aws:lambda:*:*:function:*'],
    };
    expect(unguardedMembers(lists, executors(inputs), withoutDeploy)).toEqual([
      'role arn:aws:iam::*:role/deploy/terraform',
      'role arn:aws:iam::333333333333:role/platform/special-deployer',
      'role arn:aws:iam::*:role/tfc-plan/terraform-plan',
      'role arn:aws:iam::333333333333:role/tfc-plan/special-deployer-plan',
    ]);
    const withoutFunctions = {
      roles: guardedSet(inputs).roles,
      functions: ['arn:aws:lambda:*:*:function:dev-*'],
    };
    expect(() => assertEveryMemberGuarded(lists, executors(inputs), withoutFunctions)).toThrow(
      GovernanceConfigError,
    );
    expect(() => assertEveryMemberGuarded(lists, executors(inputs), withoutFunctions)).toThrow(
      /allow-listed but unguarded: rotation functions arn:aws:lambda:\*:\*:function:prod-secrets-rotation-\*/,
    );
  });

  it('puts a newly allow-listed principal in the guarded set without touching the guards', () => {
    const extra = {
      ...inputs,
      deployRoles: deployRolePrincipals(['arn:aws:iam::555555555555:role/ops/new-deployer']),
    };
    expect(allowListMembers(allowLists(extra))).toContain('arn:aws:iam::555555555555:role/ops/new-deployer');
    expect(guardedSet(extra).roles).toContain('arn:aws:iam::555555555555:role/ops/new-deployer');
  });
});

describe('arnPatternCovers', () => {
  it('treats the guard as an ArnLike pattern and the member literally', () => {
    expect(arnPatternCovers('arn:aws:iam::*:role/workload/*', 'arn:aws:iam::1:role/workload/app')).toBe(true);
    expect(arnPatternCovers('arn:aws:iam::*:role/deploy/d', 'arn:aws:iam::*:role/deploy/d')).toBe(true);
    expect(arnPatternCovers('arn:aws:iam::1:role/deploy/d', 'arn:aws:iam::*:role/deploy/d')).toBe(false);
    expect(arnPatternCovers('arn:aws:iam::*:role/workload/*', 'arn:aws:iam::1:role/workloads/app')).toBe(
      false,
    );
  });
});

describe('guardRules', () => {
  const rules = guardRules({
    environment: 'prod',
    deployRoleArn: 'arn:aws:iam::666666666666:role/deploy/terraform',
    roleNames: ['orders-api', 'prod-rotation-payments'],
    keyArns: ['arn:aws:kms:eu-west-1:666666666666:key/0a1b'],
  });

  it('alerts on executors, the alert path, keys and masters, and roles (the roles rule in the global region)', () => {
    expect(rules.map((r) => [r.name, r.global])).toEqual([
      ['prod-guard-executors', false],
      ['prod-guard-alert-path', false],
      ['prod-guard-keys-masters', false],
      ['prod-guard-roles', true],
    ]);
  });

  it("matches anyone but the account's deploy role, the root user included", () => {
    for (const rule of rules) {
      const pattern = JSON.parse(rule.pattern) as { detail: { userIdentity: unknown } };
      expect(pattern.detail.userIdentity).toEqual({
        $or: [
          { type: ['Root', 'IAMUser', 'FederatedUser'] },
          {
            sessionContext: {
              sessionIssuer: {
                arn: [{ 'anything-but': ['arn:aws:iam::666666666666:role/deploy/terraform'] }],
              },
            },
          },
        ],
      });
      expect(rule.pattern.length).toBeLessThanOrEqual(2048);
    }
  });

  it('refuses a roles rule over EventBridge pattern quota', () => {
    const many = Array.from({ length: 200 }, (_, i) => `application-role-with-a-long-name-${i}`);
    expect(() =>
      guardRules({ environment: 'prod', deployRoleArn: 'arn:aws:iam::1:role/d', roleNames: many }),
    ).toThrow(
      /guard rule prod-guard-roles: its event pattern would be about \d+ characters, over EventBridge's 2048/,
    );
  });
});
