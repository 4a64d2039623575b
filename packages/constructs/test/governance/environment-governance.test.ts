import { Testing } from 'cdktf';
import { EnvironmentGovernance } from '../../src/governance';
import type { EnvironmentGovernanceProps } from '../../src/governance';
import {
  ENVIRONMENT,
  governanceConfig,
  governanceConfigInput,
  SECURITY,
  stackWithProviders,
} from './fixtures';

type Resources = Record<string, Record<string, Record<string, unknown>>>;
interface SynthJson {
  resource: Resources;
  data?: Record<string, unknown>;
}

function synth(overrides: Partial<EnvironmentGovernanceProps> = {}): SynthJson {
  const config = governanceConfig();
  const { stack, providers } = stackWithProviders(config);
  new EnvironmentGovernance(stack, 'Governance', {
    environment: ENVIRONMENT,
    config,
    providers,
    ...overrides,
  });
  return JSON.parse(Testing.synth(stack)) as SynthJson;
}

function resources(json: SynthJson, type: string): Record<string, unknown>[] {
  return Object.values(json.resource[type] ?? {});
}

describe('EnvironmentGovernance', () => {
  const json = synth();

  it('names a provider on every resource, each in the account it belongs to', () => {
    for (const [type, byId] of Object.entries(json.resource)) {
      for (const [id, body] of Object.entries(byId)) {
        expect({ type, id, provider: body['provider'] }).toEqual({ type, id, provider: expect.any(String) });
      }
    }
    expect(new Set(resources(json, 'aws_organizations_policy').map((r) => r['provider']))).toEqual(
      new Set(['aws.management']),
    );
    const roles = resources(json, 'aws_iam_role');
    expect(roles.filter((r) => r['name'] === 'BreakGlassSecretReader').map((r) => r['provider'])).toEqual(
      expect.arrayContaining(['aws.payments', 'aws.identity']),
    );
    expect(roles.find((r) => r['name'] === `${ENVIRONMENT}-breakglass-central`)?.['provider']).toBe(
      'aws.security',
    );
  });

  it('creates three SCPs and one RCP named for the environment, attached to every target OU', () => {
    const policies = resources(json, 'aws_organizations_policy');
    expect(policies.map((p) => [p['name'], p['type']])).toEqual(
      expect.arrayContaining([
        [`${ENVIRONMENT}-secrets-read-guard`, 'SERVICE_CONTROL_POLICY'],
        [`${ENVIRONMENT}-secrets-change-guard`, 'SERVICE_CONTROL_POLICY'],
        [`${ENVIRONMENT}-secrets-role-guard`, 'SERVICE_CONTROL_POLICY'],
        [`${ENVIRONMENT}-secrets-org-boundary`, 'RESOURCE_CONTROL_POLICY'],
      ]),
    );
    expect(policies).toHaveLength(4);
    const attachments = resources(json, 'aws_organizations_policy_attachment');
    expect(attachments).toHaveLength(4 * 2);
    expect(new Set(attachments.map((a) => a['target_id']))).toEqual(
      new Set(['ou-a1b2-c3d4e5f6', 'ou-a1b2-c3d4e5f7']),
    );
  });

  it('writes every policy as literal minified JSON within the organization quota', () => {
    for (const policy of resources(json, 'aws_organizations_policy')) {
      const content = policy['content'] as string;
      expect(content.length).toBeLessThanOrEqual(5120);
      expect(JSON.stringify(JSON.parse(content))).toBe(content);
      expect(content).not.toMatch(/\$\{aws_/);
    }
    expect(json.data?.['aws_iam_policy_document']).toBeUndefined();
  });

  it('escapes IAM policy variables so Terraform does not interpolate them', () => {
    const central = resources(json, 'aws_iam_role').find(
      (r) => r['name'] === `${ENVIRONMENT}-breakglass-central`,
    );
    const trust = central?.['assume_role_policy'] as string;
    expect(trust).toContain('"sts:SourceIdentity":"$${aws:username}"');
    expect(trust).not.toMatch(/[^$]\$\{aws:/);
  });

  it('keeps both roles of the chain to one-hour sessions under /breakglass/', () => {
    const chain = resources(json, 'aws_iam_role').filter((r) =>
      String(r['name']).match(/BreakGlassSecretReader|central/),
    );
    expect(chain).toHaveLength(3);
    for (const role of chain)
      expect(role).toMatchObject({ path: '/breakglass/', max_session_duration: 3600 });
  });

  it('trusts only the central role ARN in each reader role, and creates the central role first', () => {
    const reader = resources(json, 'aws_iam_role').find((r) => r['name'] === 'BreakGlassSecretReader');
    const trust = JSON.parse(reader?.['assume_role_policy'] as string) as {
      Statement: { Principal: { AWS: string } }[];
    };
    for (const statement of trust.Statement) {
      expect(statement.Principal.AWS).toBe(
        `arn:aws:iam::${SECURITY}:role/breakglass/${ENVIRONMENT}-breakglass-central`,
      );
    }
    expect(reader?.['depends_on']).toEqual([
      expect.stringMatching(/^aws_iam_role\.Governance_BreakGlassCentral_Role/),
    ]);
  });

  it('subscribes the break-glass alert addresses to an encrypted topic', () => {
    expect(resources(json, 'aws_sns_topic_subscription').map((s) => s['endpoint'])).toEqual([
      'security@example.com',
      'oncall@example.com',
    ]);
    expect(resources(json, 'aws_sns_topic')[0]?.['kms_master_key_id']).toMatch(/^\$\{aws_kms_key\./);
    expect(resources(json, 'aws_kms_key')[0]).toMatchObject({ enable_key_rotation: true });
  });

  it('leaves the RCP out when asked', () => {
    const without = synth({ resourceControlPolicy: false });
    expect(resources(without, 'aws_organizations_policy').map((p) => p['type'])).not.toContain(
      'RESOURCE_CONTROL_POLICY',
    );
  });

  it('refuses to exceed five SCPs per target, counting FullAWSAccess', () => {
    expect(() => synth({ otherScpsPerTarget: 2 })).toThrow(/would carry 6 SCPs/);
  });

  it('refuses a central trust policy over the IAM quota, naming the fix', () => {
    const input = governanceConfigInput();
    const users = Array.from({ length: 20 }, (_, i) => `arn:aws:iam::${SECURITY}:user/breakglass/person${i}`);
    const config = governanceConfig({ ...input, breakGlass: { ...input.breakGlass, iamUserArns: users } });
    const { stack, providers } = stackWithProviders(config);
    expect(
      () => new EnvironmentGovernance(stack, 'Governance', { environment: ENVIRONMENT, config, providers }),
    ).toThrow(
      /the central role's trust policy would be \d+ characters, over the account's quota of 2048: list fewer iamUserArns/,
    );
  });

  it('refuses a workload account without a provider', () => {
    const config = governanceConfig();
    const { stack, providers } = stackWithProviders(config);
    const { identity: _dropped, ...workloads } = providers.workloads;
    expect(
      () =>
        new EnvironmentGovernance(stack, 'Governance', {
          environment: ENVIRONMENT,
          config,
          providers: { ...providers, workloads },
        }),
    ).toThrow(`${ENVIRONMENT}: no provider for workload account "identity"`);
  });
});
