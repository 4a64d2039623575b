import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { accountProvider } from '../src';

function providerBlocks(stack: TerraformStack): Record<string, unknown>[] {
  const synthesized = JSON.parse(Testing.synth(stack)) as { provider: { aws: Record<string, unknown>[] } };
  return synthesized.provider.aws;
}

describe('accountProvider', () => {
  it('assumes the deploy role and refuses any other account', () => {
    const stack = new TerraformStack(Testing.app(), 'providers');
    accountProvider(stack, 'payments', {
      alias: 'workload-payments',
      accountId: '333333333333',
      credentials: {
        kind: 'assume-role',
        deployRoleArn: 'arn:aws:iam::333333333333:role/deploy',
        sessionName: 'credential-rotation-prod',
      },
      region: 'eu-west-1',
      defaultTags: { env: 'prod' },
    });
    expect(Testing.synth(stack)).toHaveProviderWithProperties(AwsProvider, {
      alias: 'workload-payments',
      region: 'eu-west-1',
      allowed_account_ids: ['333333333333'],
      assume_role: [
        { role_arn: 'arn:aws:iam::333333333333:role/deploy', session_name: 'credential-rotation-prod' },
      ],
      default_tags: [{ tags: { env: 'prod' } }],
    });
  });

  it('reads a shared config file instead of assuming a role, still pinned to its account', () => {
    const stack = new TerraformStack(Testing.app(), 'providers');
    accountProvider(stack, 'security', {
      alias: 'security',
      accountId: '222222222222',
      credentials: { kind: 'shared-config-file', path: '/tmp/security.config' },
      region: 'eu-west-1',
    });
    const [provider] = providerBlocks(stack);
    expect(provider).toEqual({
      alias: 'security',
      region: 'eu-west-1',
      allowed_account_ids: ['222222222222'],
      shared_config_files: ['/tmp/security.config'],
    });
  });
});
