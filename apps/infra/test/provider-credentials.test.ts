import type { Environment } from '@credential-rotation/environment-config';
import { validateEnvironments } from '@credential-rotation/environment-config';
import { plainConfig } from './config-fixtures';
import { synthStack } from './helpers';

function environment(terraformCloud?: Record<string, unknown>): Environment {
  const result = validateEnvironments([
    {
      name: 'prod',
      config: { ...plainConfig(), ...(terraformCloud === undefined ? {} : { terraformCloud }) },
    },
  ]);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  const [validated] = result.environments;
  if (validated === undefined) throw new Error('no environment');
  return validated;
}

function providersByAlias(env: Environment): Record<string, Record<string, unknown>> {
  const { parsed } = synthStack(env);
  return Object.fromEntries(parsed.provider.aws.map((provider) => [String(provider['alias']), provider]));
}

describe('provider credentials', () => {
  it('assumes each deploy role with a local backend', () => {
    const providers = providersByAlias(environment());
    expect(Object.keys(providers)).toEqual([
      'management',
      'security',
      'workload-payments',
      'workload-identity',
    ]);
    expect(providers['workload-payments']).toMatchObject({
      allowed_account_ids: ['333333333333'],
      assume_role: [
        { role_arn: 'arn:aws:iam::333333333333:role/deploy', session_name: 'credential-rotation-prod' },
      ],
    });
    expect(JSON.parse(synthStack(environment()).json).variable).toBeUndefined();
  });

  it('reads the per-alias Terraform Cloud credentials file and assumes nothing in a workspace', () => {
    const env = environment({ organization: 'example-corp' });
    const providers = providersByAlias(env);
    expect(providers['workload-payments']).toEqual(
      expect.objectContaining({
        allowed_account_ids: ['333333333333'],
        shared_config_files: [
          '${var.tfc_aws_dynamic_credentials.aliases.workload_payments.shared_config_file}',
        ],
      }),
    );
    expect(providers['management']?.['shared_config_files']).toEqual([
      '${var.tfc_aws_dynamic_credentials.aliases.management.shared_config_file}',
    ]);
    for (const provider of Object.values(providers)) expect(provider['assume_role']).toBeUndefined();
    const variables = JSON.parse(synthStack(env).json).variable as Record<string, { type: string }>;
    expect(Object.keys(variables)).toEqual(['tfc_aws_dynamic_credentials']);
  });

  it('assumes each deploy role from the entry role of an entry-role workspace', () => {
    const env = environment({
      organization: 'example-corp',
      awsCredentials: { mode: 'entry-role', roleArn: 'arn:aws:iam::444444444444:role/tfc/entry' },
    });
    const providers = providersByAlias(env);
    expect(providers['security']).toMatchObject({
      assume_role: [{ role_arn: 'arn:aws:iam::222222222222:role/deploy' }],
    });
    expect(providers['security']?.['shared_config_files']).toBeUndefined();
    expect(JSON.parse(synthStack(env).json).variable).toBeUndefined();
  });

  it('names the field of a bad credentials mode', () => {
    const result = validateEnvironments([
      {
        name: 'prod',
        config: {
          ...plainConfig(),
          terraformCloud: { organization: 'example-corp', awsCredentials: { mode: 'static-keys' } },
        },
      },
    ]);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual([
      expect.stringMatching(/^prod: terraformCloud\.awsCredentials\.mode: must be \{ mode: "per-account" \}/),
    ]);
  });
});
