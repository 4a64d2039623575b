import { BootstrapConfigError } from '../src/errors';
import { planRoleArn, planRolePolicy } from '../src/plan-role-policy';

describe('planRoleArn', () => {
  it('puts the plan role beside the deploy role, under /tfc-plan/ with the -plan suffix', () => {
    expect(planRoleArn('arn:aws:iam::111111111111:role/deploy/credential-rotation-deploy')).toBe(
      'arn:aws:iam::111111111111:role/tfc-plan/credential-rotation-deploy-plan',
    );
    expect(planRoleArn('arn:aws-us-gov:iam::222222222222:role/terraform')).toBe(
      'arn:aws-us-gov:iam::222222222222:role/tfc-plan/terraform-plan',
    );
  });

  it('refuses a deploy role that is not a role ARN or whose plan role name would pass 64 characters', () => {
    expect(() => planRoleArn('arn:aws:iam::111111111111:user/deploy')).toThrow(BootstrapConfigError);
    expect(() => planRoleArn(`arn:aws:iam::111111111111:role/deploy/${'d'.repeat(60)}`)).toThrow(
      /longer than 64 characters; shorten the deploy role name to at most 59/,
    );
  });
});

describe('planRolePolicy', () => {
  it('allows nothing itself and denies batch reads and role assumption outright', () => {
    const policy = planRolePolicy();
    expect(policy.Statement.every((statement) => statement.Effect === 'Deny')).toBe(true);
    expect(policy.Statement.every((statement) => statement.Resource === '*')).toBe(true);
    const unconditional = policy.Statement.filter((statement) => statement.Condition === undefined);
    expect(unconditional.flatMap((statement) => statement.Action).sort()).toEqual([
      'secretsmanager:BatchGetSecretValue',
      'sts:AssumeRole',
    ]);
  });

  it('leaves only the refresh of the metadata version: GetSecretValue by version id of a managed secret, decrypted through Secrets Manager', () => {
    const bySid = new Map(planRolePolicy().Statement.map((statement) => [statement.Sid, statement]));
    expect(bySid.get('DenySecretReadsWithoutVersionId')?.Condition).toEqual({
      Null: { 'secretsmanager:VersionId': 'true' },
    });
    expect(bySid.get('DenySecretReadsOfUnmanagedSecrets')?.Condition).toEqual({
      StringNotEquals: { 'aws:ResourceTag/managed-by': 'credential-rotation' },
    });
    expect(bySid.get('DenyDecryptOutsideSecretsManager')).toMatchObject({
      Action: ['kms:Decrypt'],
      Condition: { StringNotLike: { 'kms:ViaService': 'secretsmanager.*.amazonaws.com' } },
    });
  });
});
