import { breakGlassAlertBusArn } from '../../src/governance';
import { ENVIRONMENT, governanceConfig, synthesizedOrganizationGovernance } from './fixtures';

describe('OrganizationGuardAlerts (management account)', () => {
  const config = governanceConfig();
  const { resource } = synthesizedOrganizationGovernance(config);
  const inManagement = (type: string) =>
    Object.values(resource[type] ?? {}).filter((block) => block.provider === 'aws.management');
  const [rule] = inManagement('aws_cloudwatch_event_rule');
  const [target] = inManagement('aws_cloudwatch_event_target');
  const [role] = inManagement('aws_iam_role');

  it("runs in the partition's global region, where Organizations records its calls", () => {
    expect(rule).toMatchObject({ name: `${ENVIRONMENT}-guard-organization`, region: 'us-east-1' });
    expect(target).toMatchObject({ region: 'us-east-1', arn: breakGlassAlertBusArn(ENVIRONMENT, config) });
  });

  it("watches the environment's OUs and every one of its organization policies", () => {
    const pattern = JSON.parse(String(rule?.event_pattern)) as {
      detail: { $or: { requestParameters?: Record<string, string[]> }[] };
    };
    const values = (key: string) =>
      pattern.detail.$or.find((c) => c.requestParameters?.[key])?.requestParameters?.[key];
    expect(values('destinationParentId')).toEqual(config.organization.targetOuIds);
    const policies = Object.keys(resource.aws_organizations_policy ?? {});
    expect(policies).toHaveLength(4);
    expect([...(values('policyId') ?? [])].sort()).toEqual(
      policies.map((name) => `\${aws_organizations_policy.${name}.id}`).sort(),
    );
  });

  it('forwards with a role that only that rule may use, and only to put events on the alert bus', () => {
    const trust = JSON.parse(String(role?.assume_role_policy)) as {
      Statement: { Condition: { ArnEquals: { 'aws:SourceArn': string[] } } }[];
    };
    expect(trust.Statement[0]?.Condition.ArnEquals['aws:SourceArn']).toEqual([
      `arn:aws:events:us-east-1:111111111111:rule/${ENVIRONMENT}-guard-organization`,
    ]);
    const [permissions] = inManagement('aws_iam_role_policy');
    expect(JSON.parse(String(permissions?.policy))).toMatchObject({
      Statement: [{ Action: 'events:PutEvents', Resource: breakGlassAlertBusArn(ENVIRONMENT, config) }],
    });
    expect(String(target?.role_arn)).toMatch(
      /^\$\{aws_iam_role\.governance_OrganizationGuardAlerts_Forwarder_\w+\.arn\}$/,
    );
  });
});
