/**
 * The security account's alert bus: the workload accounts' forwarders put break-glass and guard
 * events on it, and so does the management account's organization guard forwarder; nobody else. Its policy names the forwarder role in any account (one
 * account wildcard, so it stays small for any number of accounts), from the organization and only
 * from the environment's OUs, where the SCPs let only the deploy role create roles under its path.
 */
import { PARTITION, STRAY_OU_ACCOUNT_ID } from '../environment-model';
import { ADMINISTRATOR_ACCESS, roleSession } from '../identities';
import { resourceRequest, roleRequest } from '../requests';
import type { AccessRequest } from '../simulator';
import type { PolicyJson } from '../stack-policies';
import type { SynthesizedStack } from '../synthesized-stack';
import type { Actors } from './actors';
import type { Scenario } from './scenario';

/** An account of the organization outside the environment's OUs. */
export const OUTSIDE_OU_ACCOUNT_ID = '565656565656';
/** An account of another organization. */
const OTHER_ORGANIZATION_ACCOUNT_ID = '676767676767';

export function alertBusScenarios(a: Actors, stack: SynthesizedStack): Scenario[] {
  const { org, region, model } = a;
  const busPolicy = stack
    .resources('aws_cloudwatch_event_bus_policy')
    .map((resource) => JSON.parse(String(resource.body['policy'])) as PolicyJson)[0];
  // The forwarder role as the workload stack creates it (path and name).
  const forwarder = stack
    .resources('aws_iam_role')
    .find((role) => String(role.body['name']).endsWith('-breakglass-alert-forwarder'));
  if (busPolicy === undefined || forwarder === undefined) return [];
  const forwarderPath = `role${String(forwarder.body['path'])}${String(forwarder.body['name'])}`;
  const securityAccount = model.config.accounts.security.accountId;
  const managementAccount = model.config.accounts.management.accountId;
  const busArn = `arn:${PARTITION}:events:${model.config.region}:${securityAccount}:event-bus/${model.environment}-breakglass-alerts`;
  const ou = model.config.organization.targetOuIds[0] ?? '';
  const forwarderIn = (account: string) => `arn:${PARTITION}:iam::${account}:${forwarderPath}`;
  const putEvents = (roleArn: string, orgPath: string, organizationId = org): AccessRequest[] => {
    const caller = roleSession(roleArn, 'events', organizationId, [ADMINISTRATOR_ACCESS]);
    return [
      resourceRequest(
        caller,
        'events:PutEvents',
        busArn,
        securityAccount,
        org,
        region,
        { 'aws:PrincipalOrgPaths': [orgPath] },
        busPolicy,
      ),
    ];
  };
  const inOu = `${org}/r-root/${ou}/`;
  return [
    {
      id: 'alert-bus/workload-forwarder-puts-events',
      description: "the workload account's alert forwarder puts events on the security account's alert bus",
      expected: 'Allowed',
      requests: putEvents(forwarderIn(a.workload.accountId), inOu),
    },
    {
      id: 'alert-bus/forwarder-under-nested-ou-puts-events',
      description: 'a forwarder in an OU under the target OU (the SCPs reach it too) puts events',
      expected: 'Allowed',
      requests: putEvents(forwarderIn(a.workload.accountId), `${org}/r-root/${ou}/ou-nested-00000001/`),
    },
    {
      id: 'alert-bus/workload-admin-puts-events',
      description: 'an administrator of a workload account is denied putting events on the alert bus',
      expected: 'Denied',
      requests: [
        resourceRequest(
          a.ssoAdmin,
          'events:PutEvents',
          busArn,
          securityAccount,
          org,
          region,
          { 'aws:PrincipalOrgPaths': [inOu] },
          busPolicy,
        ),
      ],
    },
    {
      id: 'alert-bus/forwarder-name-outside-ous-puts-events',
      description:
        "a role with the forwarder's path and name in an organization account outside the environment's OUs is denied putting events",
      expected: 'Denied',
      requests: putEvents(forwarderIn(OUTSIDE_OU_ACCOUNT_ID), `${org}/r-root/ou-elsewhere-0001/`),
    },
    {
      id: 'alert-bus/forwarder-name-in-other-organization-puts-events',
      description:
        "a role with the forwarder's path and name in another organization is denied putting events",
      expected: 'Denied',
      requests: putEvents(
        forwarderIn(OTHER_ORGANIZATION_ACCOUNT_ID),
        `o-zzzzzzzzzz/r-root/${ou}/`,
        'o-zzzzzzzzzz',
      ),
    },
    {
      id: 'alert-bus/management-forwarder-puts-events',
      description:
        "the management account's organization guard forwarder (in no OU) puts events on the alert bus",
      expected: 'Allowed',
      requests: putEvents(forwarderIn(managementAccount), `${org}/r-root/`),
    },
    {
      id: 'alert-bus/management-admin-puts-events',
      description: 'an administrator of the management account is denied putting events on the alert bus',
      expected: 'Denied',
      requests: putEvents(
        `arn:${PARTITION}:iam::${managementAccount}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef`,
        `${org}/r-root/`,
      ),
    },
    {
      // Reaches the bus policy, but cannot exist: only the deploy role creates roles under /breakglass/ there.
      id: 'alert-bus/stray-ou-account-creates-forwarder',
      description:
        "an administrator of another account in the OU is denied creating a role at the forwarder's path",
      expected: 'Denied',
      requests: [
        roleRequest(
          roleSession(`arn:${PARTITION}:iam::${STRAY_OU_ACCOUNT_ID}:role/admin`, 'x', org, [
            ADMINISTRATOR_ACCESS,
          ]),
          'iam:CreateRole',
          forwarderIn(STRAY_OU_ACCOUNT_ID),
          org,
          region,
        ),
      ],
    },
  ];
}
