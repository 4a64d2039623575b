/**
 * The guard rules' event patterns against CloudTrail events shaped as AWS records them, decided by
 * moto's EventBridge pattern matching: what must alert does, what is the deploy role's own work or
 * someone else's business does not, and what the management account forwards reaches the security
 * account's guard-attempts rule.
 */
import { forwardedGuardAttemptPattern, guardRules, organizationGuardRule } from '../../src/governance';
import { eventPatternMatches } from './event-pattern-matcher';

const MANAGEMENT = '111111111111';
const WORKLOAD = '333333333333';
const OUS = ['ou-a1b2-aaaaaaaa', 'ou-a1b2-bbbbbbbb'];
const POLICIES = ['p-read0001', 'p-chng0001', 'p-role0001', 'p-rcp00001'];
const deployRole = (account: string) => `arn:aws:iam::${account}:role/deploy/credential-rotation-deploy`;

type Identity = Record<string, unknown>;
const administrator = (account: string): Identity => ({
  type: 'AssumedRole',
  arn: `arn:aws:sts::${account}:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice`,
  sessionContext: {
    sessionIssuer: {
      type: 'Role',
      arn: `arn:aws:iam::${account}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef`,
    },
  },
});
const deploy = (account: string): Identity => ({
  type: 'AssumedRole',
  arn: `arn:aws:sts::${account}:assumed-role/credential-rotation-deploy/terraform`,
  sessionContext: { sessionIssuer: { type: 'Role', arn: deployRole(account) } },
});
const root = (account: string): Identity => ({ type: 'Root', arn: `arn:aws:iam::${account}:root` });

/** A CloudTrail management event as EventBridge delivers it. */
function apiCall(
  service: string,
  eventName: string,
  userIdentity: Identity,
  requestParameters: Record<string, unknown>,
  account = MANAGEMENT,
): Record<string, unknown> {
  return {
    version: '0',
    id: '7bf73129-1428-4cd3-a780-95db273d1602',
    'detail-type': 'AWS API Call via CloudTrail',
    source: `aws.${service}`,
    account,
    time: '2026-12-04T03:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      eventVersion: '1.09',
      eventSource: `${service}.amazonaws.com`,
      eventName,
      userIdentity,
      requestParameters,
    },
  };
}

function matches(pattern: string, event: Record<string, unknown>): boolean {
  return eventPatternMatches(pattern, [event])[0] === true;
}

describe("the management account's organization guard rule", () => {
  const rule = organizationGuardRule({
    environment: 'prod',
    deployRoleArn: deployRole(MANAGEMENT),
    targetOuIds: OUS,
    policyIds: POLICIES,
  });
  const admin = administrator(MANAGEMENT);
  const cases: [string, Record<string, unknown>, boolean][] = [
    [
      'an account moved into a target OU',
      apiCall('organizations', 'MoveAccount', admin, {
        accountId: '999999999999',
        sourceParentId: 'r-ab12',
        destinationParentId: OUS[0],
      }),
      true,
    ],
    [
      'a workload account moved out of a target OU',
      apiCall('organizations', 'MoveAccount', admin, {
        accountId: WORKLOAD,
        sourceParentId: OUS[1],
        destinationParentId: 'ou-a1b2-elsewhere',
      }),
      true,
    ],
    [
      'an OU created under a target OU',
      apiCall('organizations', 'CreateOrganizationalUnit', admin, { parentId: OUS[0], name: 'sandbox' }),
      true,
    ],
    [
      'a policy detached from a target OU by the root user',
      apiCall('organizations', 'DetachPolicy', root(MANAGEMENT), {
        policyId: 'p-other001',
        targetId: OUS[1],
      }),
      true,
    ],
    [
      "one of the environment's SCPs edited",
      apiCall('organizations', 'UpdatePolicy', admin, { policyId: POLICIES[2], content: '{}' }),
      true,
    ],
    [
      'SCPs turned off for the organization',
      apiCall('organizations', 'DisablePolicyType', admin, {
        rootId: 'r-ab12',
        policyType: 'SERVICE_CONTROL_POLICY',
      }),
      true,
    ],
    [
      "the deploy role updating the environment's SCP (its own apply)",
      apiCall('organizations', 'UpdatePolicy', deploy(MANAGEMENT), { policyId: POLICIES[0], content: '{}' }),
      false,
    ],
    [
      'an account moved between two OUs of someone else',
      apiCall('organizations', 'MoveAccount', admin, {
        accountId: '999999999999',
        sourceParentId: 'ou-a1b2-other001',
        destinationParentId: 'ou-a1b2-other002',
      }),
      false,
    ],
    [
      "another team's policy attached to another OU",
      apiCall('organizations', 'AttachPolicy', admin, {
        policyId: 'p-other001',
        targetId: 'ou-a1b2-other001',
      }),
      false,
    ],
  ];

  // One call decides every case: each call starts Python and imports moto.
  let decided: boolean[] = [];
  beforeAll(() => {
    decided = eventPatternMatches(
      rule.pattern,
      cases.map(([, event]) => event),
    );
  });

  it.each(cases.map(([what, , expected], index) => [what, expected, index] as const))(
    '%s: alerts %s',
    (_what, expected, index) => {
      expect(decided[index]).toBe(expected);
    },
  );

  it("reaches the security account's guard-attempts rule when forwarded", () => {
    const [, event] = cases[0]!;
    expect(matches(forwardedGuardAttemptPattern(), event)).toBe(true);
  });
});

describe("a workload account's guard rules (the same matching, for the rules they sit beside)", () => {
  const rules = guardRules({
    environment: 'prod',
    deployRoleArn: deployRole(WORKLOAD),
    roleNames: ['orders-api'],
  });
  const byName = (name: string) => rules.find((rule) => rule.name === name)?.pattern ?? '';
  const update = (who: Identity) =>
    apiCall(
      'lambda',
      'UpdateFunctionCode20150331v2',
      who,
      { functionName: 'prod-secrets-rotation-payments' },
      WORKLOAD,
    );

  it('alerts on an administrator changing a rotation function, not on the deploy role', () => {
    expect(
      eventPatternMatches(byName('prod-guard-executors'), [
        update(administrator(WORKLOAD)),
        update(deploy(WORKLOAD)),
      ]),
    ).toEqual([true, false]);
  });

  it('alerts on the root user re-trusting an allow-listed role, and forwards it', () => {
    const event = apiCall(
      'iam',
      'UpdateAssumeRolePolicy',
      root(WORKLOAD),
      { roleName: 'orders-api', policyDocument: '{}' },
      WORKLOAD,
    );
    expect(matches(byName('prod-guard-roles'), event)).toBe(true);
    expect(matches(forwardedGuardAttemptPattern(), event)).toBe(true);
  });
});
