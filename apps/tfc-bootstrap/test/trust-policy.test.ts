import { tfcTrustPolicy } from '../src/trust-policy';

describe('tfcTrustPolicy', () => {
  const oidcProviderArn = 'arn:aws:iam::111111111111:oidc-provider/app.terraform.io';

  it('trusts the audience and the named workspaces of the host, every run phase', () => {
    const policy = tfcTrustPolicy({
      oidcProviderArn,
      subjects: [
        {
          organization: 'example-corp',
          project: 'credential-rotation',
          workspace: 'credential-rotation-prod',
        },
        {
          organization: 'example-corp',
          project: 'credential-rotation',
          workspace: 'credential-rotation-staging',
        },
      ],
    });
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TerraformCloudRunsOfNamedWorkspaces',
          Effect: 'Allow',
          Principal: { Federated: oidcProviderArn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'app.terraform.io:aud': 'aws.workload.identity' },
            StringLike: {
              'app.terraform.io:sub': [
                'organization:example-corp:project:credential-rotation:workspace:credential-rotation-prod:run_phase:*',
                'organization:example-corp:project:credential-rotation:workspace:credential-rotation-staging:run_phase:*',
              ],
            },
          },
        },
      ],
    });
  });

  it.each([
    ['plan', 'TerraformCloudPlansOfNamedWorkspaces'],
    ['apply', 'TerraformCloudAppliesOfNamedWorkspaces'],
  ] as const)('trusts %s-phase tokens only, compared exactly', (runPhase, sid) => {
    const policy = tfcTrustPolicy({
      oidcProviderArn,
      runPhase,
      subjects: [
        { organization: 'example-corp', project: 'Default Project', workspace: 'credential-rotation-prod' },
      ],
    });
    expect(policy['Statement']).toEqual([
      {
        Sid: sid,
        Effect: 'Allow',
        Principal: { Federated: oidcProviderArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            'app.terraform.io:aud': 'aws.workload.identity',
            'app.terraform.io:sub': [
              `organization:example-corp:project:Default Project:workspace:credential-rotation-prod:run_phase:${runPhase}`,
            ],
          },
        },
      },
    ]);
  });

  it('uses the Terraform Enterprise host in the condition keys', () => {
    const policy = tfcTrustPolicy({
      oidcProviderArn,
      hostname: 'tfe.example.com',
      subjects: [{ organization: 'o', project: 'p', workspace: 'w' }],
    });
    expect(JSON.stringify(policy)).toContain('"tfe.example.com:sub"');
  });

  it('refuses wildcards and empty subject lists', () => {
    expect(() =>
      tfcTrustPolicy({ oidcProviderArn, subjects: [{ organization: 'o', project: 'p', workspace: '*' }] }),
    ).toThrow(/subjects\.workspace must be a plain name/);
    expect(() => tfcTrustPolicy({ oidcProviderArn, subjects: [] })).toThrow(/at least one workspace/);
  });
});
