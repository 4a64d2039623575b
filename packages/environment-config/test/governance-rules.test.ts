import {
  allowListPathSchema,
  assertAllowListPaths,
  assertScpBudget,
  GovernanceConfigError,
  governanceIssues,
} from '../src/governance-rules';
import type { GovernanceConfigView } from '../src/governance-rules';
import { validateEnvironments } from '../src/validate';
import { mutable } from './fixtures';

const SECURITY = '222222222222';

function config(overrides: Partial<GovernanceConfigView> = {}): GovernanceConfigView {
  return {
    accounts: {
      management: {
        accountId: '111111111111',
        deployRoleArn: 'arn:aws:iam::111111111111:role/terraform-deploy',
      },
      security: { accountId: SECURITY, deployRoleArn: `arn:aws:iam::${SECURITY}:role/terraform-deploy` },
      workloads: [
        { accountId: '333333333333', deployRoleArn: 'arn:aws:iam::333333333333:role/ci/terraform-deploy' },
      ],
    },
    organization: { targetOuIds: ['ou-ab12-cd34ef56'] },
    breakGlass: {
      iamUserArns: [`arn:aws:iam::${SECURITY}:user/alice`],
      identityCenterRoleArnPatterns: [
        `arn:aws:iam::${SECURITY}:role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_BreakGlass_????????????????`,
      ],
    },
    ...overrides,
  };
}

describe('governanceIssues', () => {
  it('accepts a config whose break-glass principals and deploy roles fit the guardrails', () => {
    expect(governanceIssues(config())).toEqual([]);
  });

  it('refuses a break-glass IAM user outside the security account, naming the field', () => {
    const issues = governanceIssues(
      config({
        breakGlass: {
          iamUserArns: ['arn:aws:iam::444444444444:user/mallory'],
          identityCenterRoleArnPatterns: [],
        },
      }),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        path: ['breakGlass', 'iamUserArns', 0],
        message: expect.stringContaining(`security account ${SECURITY}`),
      }),
    ]);
  });

  it('refuses an Identity Center pattern of another account', () => {
    const issues = governanceIssues(
      config({
        breakGlass: {
          iamUserArns: [],
          identityCenterRoleArnPatterns: [
            'arn:aws:iam::444444444444:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_BreakGlass_????????????????',
          ],
        },
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual([['breakGlass', 'identityCenterRoleArnPatterns', 0]]);
  });

  it('refuses a deploy role under an allow-listed path', () => {
    const base = config();
    const issues = governanceIssues({
      ...base,
      accounts: {
        ...base.accounts,
        workloads: [
          { accountId: '333333333333', deployRoleArn: 'arn:aws:iam::333333333333:role/workload/deployer' },
        ],
      },
    });
    expect(issues).toEqual([
      expect.objectContaining({
        path: ['accounts', 'workloads', 0, 'deployRoleArn'],
        message: expect.stringContaining('must not be under /workload/'),
      }),
    ]);
  });

  it('refuses the same OU twice', () => {
    const issues = governanceIssues(
      config({ organization: { targetOuIds: ['ou-ab12-cd34ef56', 'ou-ab12-cd34ef56'] } }),
    );
    expect(issues.map((issue) => issue.path)).toEqual([['organization', 'targetOuIds', 1]]);
  });
});

describe('allowListPathSchema', () => {
  it.each(['/workload/', '/secrets-rotation/', '/team/orders/'])('accepts %s', (path) => {
    expect(allowListPathSchema.safeParse(path).success).toBe(true);
  });

  it.each([
    ['/', 'root path'],
    ['*', 'wildcard'],
    ['/*', 'wildcard'],
    ['/work*/', 'wildcard'],
    ['workload/', 'IAM path like'],
    ['/workload', 'IAM path like'],
  ])('refuses %s', (path, reason) => {
    const result = allowListPathSchema.safeParse(path);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(reason === 'root path' ? 'root path' : reason);
  });
});

describe('assertAllowListPaths', () => {
  it('throws a GovernanceConfigError naming the field and index', () => {
    expect(() => assertAllowListPaths(['/workload/', '/'], 'readerRolePaths')).toThrow(
      new GovernanceConfigError(
        'readerRolePaths[1]: must not be "/": the root path would exempt every role from the secret-read guardrail (got "/")',
      ),
    );
  });
});

describe('assertScpBudget', () => {
  it('throws when a document is longer than 5,120 characters', () => {
    expect(() => assertScpBudget([{ name: 'dev-big', document: 'x'.repeat(5121) }])).toThrow(
      /dev-big is 5121 characters/,
    );
  });

  it('counts FullAWSAccess and other SCPs against the five-per-target quota', () => {
    const four = [1, 2, 3, 4].map((n) => ({ name: `p${n}`, document: '{}' }));
    expect(() => assertScpBudget(four)).not.toThrow();
    expect(() => assertScpBudget(four, 1)).toThrow(/would carry 6 SCPs/);
  });
});

describe('validateEnvironments with the governance rules', () => {
  it('reports a break-glass principal outside the security account as one line naming the field', () => {
    const config = mutable();
    config.breakGlass.iamUserArns = ['arn:aws:iam::444444444444:user/mallory'];
    const result = validateEnvironments([{ name: 'dev', config }]);
    expect(result).toEqual({
      ok: false,
      problems: [
        'dev: breakGlass.iamUserArns[0]: must be in the security account 222222222222: the central break-glass role trusts principals of its own account only (got "arn:aws:iam::444444444444:user/mallory")',
      ],
    });
  });

  it('reports an OU id that is not an OU id and a principal that is not an ARN', () => {
    const config = mutable();
    config.organization.targetOuIds = ['r-ab12'];
    config.breakGlass.iamUserArns = ['alice'];
    const result = validateEnvironments([{ name: 'prod', config }]);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^prod: organization\.targetOuIds\[0\]: must be an organizational unit id .*\(got "r-ab12"\)$/,
        ),
        expect.stringMatching(
          /^prod: breakGlass\.iamUserArns\[0\]: must be an IAM user ARN .*\(got "alice"\)$/,
        ),
      ]),
    );
  });

  it('defaults organization.dedicatedOus to false and names it when it is not a boolean', () => {
    const valid = validateEnvironments([{ name: 'prod', config: mutable() }]);
    expect(valid.ok && valid.environments[0]?.config.organization.dedicatedOus).toBe(false);
    const config = mutable() as { organization: Record<string, unknown> };
    config.organization.dedicatedOus = 'yes';
    const result = validateEnvironments([{ name: 'prod', config }]);
    expect(result.ok ? [] : result.problems).toEqual([
      expect.stringMatching(/^prod: organization\.dedicatedOus: must be true or false/),
    ]);
  });

  it('reports a deploy role under an allow-listed path', () => {
    const config = mutable();
    config.accounts.workloads[0].deployRoleArn = 'arn:aws:iam::333333333333:role/secrets-rotation/deploy';
    const result = validateEnvironments([{ name: 'dev', config }]);
    expect(result.ok ? [] : result.problems).toEqual([
      expect.stringContaining(
        'dev: accounts.workloads[0].deployRoleArn: must not be under /secrets-rotation/',
      ),
    ]);
  });

  it('refuses a master secret RDS does not manage: its password could be reset outside Secrets Manager', () => {
    const config = mutable();
    config.accounts.workloads[0].databases[0].masterSecretArn =
      'arn:aws:secretsmanager:eu-west-1:333333333333:secret:orders/master-AbCdEf';
    const result = validateEnvironments([{ name: 'prod', config }]);
    expect(result.ok ? [] : result.problems).toEqual([
      expect.stringMatching(
        /^prod: accounts\.workloads\[0\]\.databases\[0\]\.masterSecretArn: must be the master secret RDS manages \(named rds!db-\.\.\. or rds!cluster-\.\.\.\)/,
      ),
    ]);
  });

  it('refuses an Identity Center pattern ending in *: it would match other permission sets with the same prefix', () => {
    const config = mutable();
    config.breakGlass.identityCenterRoleArnPatterns = [
      'arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_BreakGlass_*',
    ];
    const result = validateEnvironments([{ name: 'prod', config }]);
    expect(result.ok ? [] : result.problems).toEqual([
      expect.stringContaining(
        'prod: breakGlass.identityCenterRoleArnPatterns[0]: must be an Identity Center role ARN pattern ending in the permission set name and 16 ?',
      ),
    ]);
  });

  it('defaults the Identity Center user-name tag to username', () => {
    const result = validateEnvironments([{ name: 'prod', config: mutable() }]);
    expect(result.ok && result.environments[0]?.config.breakGlass.identityCenterUserTag).toBe('username');
  });
});
