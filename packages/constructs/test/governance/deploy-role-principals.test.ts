import { deployRolePinStatements, deployRolePrincipals } from '../../src/governance/guardrail-policies';

const role = (account: string, name = 'deploy/credential-rotation-deploy') =>
  `arn:aws:iam::${account}:role/${name}`;

describe('deployRolePrincipals', () => {
  it('turns one role name shared by many accounts into one pattern pinned to those accounts', () => {
    const accounts = Array.from({ length: 250 }, (_, i) => String(100000000000 + i));
    const principals = deployRolePrincipals(accounts.map((account) => role(account)));
    expect(principals.arnPatterns).toEqual(['arn:aws:iam::*:role/deploy/credential-rotation-deploy']);
    expect(principals.pins).toEqual([
      { pattern: 'arn:aws:iam::*:role/deploy/credential-rotation-deploy', accountIds: accounts },
    ]);
  });

  it('keeps a role name used in one account as its literal ARN, with nothing to pin', () => {
    const principals = deployRolePrincipals([
      role('111111111111'),
      role('222222222222'),
      role('333333333333', 'terraform/payments-deployer'),
      role('222222222222'), // listed twice: once is enough
    ]);
    expect(principals.arnPatterns).toEqual([
      'arn:aws:iam::*:role/deploy/credential-rotation-deploy',
      'arn:aws:iam::333333333333:role/terraform/payments-deployer',
    ]);
    expect(principals.pins.map((pin) => pin.accountIds)).toEqual([['111111111111', '222222222222']]);
  });

  it('never merges the same role name across partitions or different paths', () => {
    const principals = deployRolePrincipals([
      'arn:aws:iam::111111111111:role/deploy/d',
      'arn:aws-us-gov:iam::222222222222:role/deploy/d',
      'arn:aws:iam::333333333333:role/other/d',
    ]);
    expect(principals.arnPatterns).toHaveLength(3);
    expect(principals.pins).toEqual([]);
  });

  it('pins each shared pattern with its plan role pattern in one statement, and each account list in its own, so one name never borrows the accounts of another', () => {
    const statements = deployRolePinStatements(
      deployRolePrincipals([
        role('1'.repeat(12)),
        role('2'.repeat(12)),
        role('3'.repeat(12), 'ci/x'),
        role('4'.repeat(12), 'ci/x'),
      ]),
    );
    expect(statements.map((statement) => [statement.Sid, statement.Condition])).toEqual([
      [
        'DenyDeployRoleNameInOtherAccounts',
        {
          ArnLike: {
            'aws:PrincipalArn': [
              'arn:aws:iam::*:role/deploy/credential-rotation-deploy',
              'arn:aws:iam::*:role/tfc-plan/credential-rotation-deploy-plan',
            ],
          },
          StringNotEquals: { 'aws:PrincipalAccount': ['111111111111', '222222222222'] },
        },
      ],
      [
        'DenyDeployRoleNameInOtherAccounts2',
        {
          ArnLike: {
            'aws:PrincipalArn': ['arn:aws:iam::*:role/ci/x', 'arn:aws:iam::*:role/tfc-plan/x-plan'],
          },
          StringNotEquals: { 'aws:PrincipalAccount': ['333333333333', '444444444444'] },
        },
      ],
    ]);
  });

  it('pins a plan role pattern to the accounts of every deploy role it stands for, when two deploy roles share a name on different paths', () => {
    const statements = deployRolePinStatements(
      deployRolePrincipals([
        role('1'.repeat(12), 'deploy/x'),
        role('2'.repeat(12), 'deploy/x'),
        role('3'.repeat(12), 'ci/x'),
      ]),
    );
    expect(statements.map((statement) => statement.Condition)).toEqual([
      {
        ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/deploy/x'] },
        StringNotEquals: { 'aws:PrincipalAccount': ['111111111111', '222222222222'] },
      },
      {
        ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/tfc-plan/x-plan'] },
        StringNotEquals: { 'aws:PrincipalAccount': ['111111111111', '222222222222', '333333333333'] },
      },
    ]);
  });

  it('refuses something that is not a role ARN', () => {
    expect(() => deployRolePrincipals(['arn:aws:iam::111111111111:user/deploy'])).toThrow(
      /is not an IAM role ARN/,
    );
  });
});
