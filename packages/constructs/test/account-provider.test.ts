import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { accountProvider } from '../src';

describe('accountProvider', () => {
  it('assumes the deploy role and refuses any other account', () => {
    const stack = new TerraformStack(Testing.app(), 'providers');
    accountProvider(stack, 'payments', {
      alias: 'workload-payments',
      accountId: '333333333333',
      deployRoleArn: 'arn:aws:iam::333333333333:role/deploy',
      region: 'eu-west-1',
      sessionName: 'credential-rotation-prod',
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
});
