import type { EnvironmentConfigInput } from '@credential-rotation/environment-config';
import { GovernanceConfigError } from '@credential-rotation/environment-config';
import {
  ENVIRONMENT,
  governanceConfig,
  governanceConfigInput,
  synthesizedOrganizationGovernance,
} from './fixtures';

type Synthesized = ReturnType<typeof synthesizedOrganizationGovernance>;

/** The postconditions of a data source as written. */
function postconditions(block: Record<string, unknown>): { condition: string; error_message: string }[] {
  return (
    (block.lifecycle as { postcondition?: { condition: string; error_message: string }[] } | undefined)
      ?.postcondition ?? []
  );
}

/** The fixture with `count` workload accounts that share one deploy role name. */
function manyAccounts(count: number, dedicatedOus: boolean): EnvironmentConfigInput {
  const input = governanceConfigInput();
  return {
    ...input,
    organization: { ...input.organization, dedicatedOus },
    accounts: {
      ...input.accounts,
      workloads: Array.from({ length: count }, (_, index) => {
        const accountId = String(500000000000 + index);
        return {
          name: `acct-${index}`,
          accountId,
          deployRoleArn: `arn:aws:iam::${accountId}:role/deploy/terraform`,
          databases: [],
        };
      }),
    },
  };
}

/** The organization stack of a config, synthesized (no workload stacks: they do not grow with it). */
function organizationStack(input: EnvironmentConfigInput): Synthesized {
  return synthesizedOrganizationGovernance(governanceConfig(input));
}

/** Every policy-valued argument of the stack by `<type>.<argument>`, as written. */
function policies(synthesized: Synthesized): Map<string, string> {
  const found = new Map<string, string>();
  for (const [type, byName] of Object.entries(synthesized.resource)) {
    for (const block of Object.values(byName)) {
      for (const key of ['policy', 'content', 'assume_role_policy']) {
        const value = block[key];
        if (typeof value === 'string') found.set(`${type}.${key}:${found.size}`, value);
      }
    }
  }
  return found;
}

function statementSids(synthesized: Synthesized): string[] {
  return Object.values(synthesized.resource.aws_organizations_policy ?? {}).flatMap((policy) =>
    (JSON.parse(policy.content as string) as { Statement: { Sid: string }[] }).Statement.map(
      (statement) => statement.Sid,
    ),
  );
}

describe('organization.dedicatedOus: environments past the deploy-role pin', () => {
  it('fails synth at 1,000 accounts sharing a deploy role name without it, naming the pin and the way out', () => {
    expect(() => organizationStack(manyAccounts(1000, false))).toThrow(GovernanceConfigError);
    expect(() => organizationStack(manyAccounts(1000, false))).toThrow(
      /secrets-role-guard is \d+ characters.*DenyDeployRoleNameInOtherAccounts.*organization\.dedicatedOus: true/,
    );
  });

  it('keeps every SCP, the alert bus policy and the central role policy within AWS limits at 1,000 accounts, and the same size as at 2', () => {
    const large = policies(organizationStack(manyAccounts(1000, true)));
    const small = policies(organizationStack(manyAccounts(2, true)));
    const limits: Record<string, number> = {
      aws_organizations_policy: 5120,
      aws_cloudwatch_event_bus_policy: 10240,
      aws_iam_role_policy: 10240,
      aws_iam_role: 2048,
    };
    for (const [key, document] of large) {
      const type = key.split('.')[0] as string;
      expect([key, document.length <= (limits[type] ?? 10240)]).toEqual([key, true]);
      // Nothing here lists the workload accounts: the same documents as with 2 of them.
      expect([key, document]).toEqual([key, small.get(key)]);
    }
  });

  it('drops the pin from the role guard and keeps it without dedicated OUs', () => {
    expect(statementSids(organizationStack(manyAccounts(3, true)))).not.toContain(
      'DenyDeployRoleNameInOtherAccounts',
    );
    expect(statementSids(organizationStack(manyAccounts(3, false)))).toContain(
      'DenyDeployRoleNameInOtherAccounts',
    );
  });

  it('checks every target OU at plan time: a postcondition that lists every account of the environment', () => {
    const synthesized = organizationStack(manyAccounts(3, true));
    const checks = Object.values(
      synthesized.data?.aws_organizations_organizational_unit_descendant_accounts ?? {},
    );
    expect(checks.map((check) => check.parent_id)).toEqual(['ou-a1b2-c3d4e5f6', 'ou-a1b2-c3d4e5f7']);
    for (const check of checks) {
      const [only] = postconditions(check);
      // Every account of the environment, the management and security accounts included, and no other.
      const listed = /contains\((\[[^\]]*\])/.exec(only?.condition ?? '')?.[1];
      expect(JSON.parse(listed ?? '[]')).toEqual([
        '111111111111',
        '222222222222',
        '500000000000',
        '500000000001',
        '500000000002',
      ]);
      expect(only?.condition).toContain('a.state == "ACTIVE"');
      expect(only?.error_message).toContain(`outside the ${ENVIRONMENT} environment: \${join(`);
    }
  });

  it('checks in every layout that each workload account is under a target OU, over all of them', () => {
    for (const dedicated of [false, true]) {
      const synthesized = organizationStack(manyAccounts(3, dedicated));
      const byName = synthesized.data?.aws_organizations_organizational_unit_descendant_accounts ?? {};
      const [first, last] = Object.entries(byName);
      // The first OU carries only the dedicated check; the last also the check over every OU.
      expect(postconditions(first![1]).length).toBe(dedicated ? 1 : 0);
      const union = postconditions(last![1]).at(-1);
      expect(union?.condition).toBe(
        `\${length(setsubtract(["500000000000","500000000001","500000000002"], concat(data.aws_organizations_organizational_unit_descendant_accounts.${first![0]}.accounts[*].id, self.accounts[*].id))) == 0}`,
      );
      expect(union?.error_message).toContain(
        'are not under its target OUs (ou-a1b2-c3d4e5f6, ou-a1b2-c3d4e5f7)',
      );
    }
  });
});
