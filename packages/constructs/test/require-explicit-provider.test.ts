import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import { RequireExplicitProvider } from '../src';

function stackWithTopic(explicit: boolean): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'aspect');
  new SnsTopic(stack, 'other', {
    name: 'other',
    provider: new AwsProvider(stack, 'other-aws', { alias: 'other' }),
  });
  const provider = new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new SnsTopic(stack, 'topic', { name: 't', ...(explicit ? { provider } : {}) });
  Aspects.of(stack).add(new RequireExplicitProvider());
  return stack;
}

describe('RequireExplicitProvider', () => {
  it('refuses to synthesize a resource that relies on the default provider', () => {
    // The real synth path (App.synth) aborts on error annotations; Testing.synth does not check them.
    const stack = stackWithTopic(false);
    expect(() => App.of(stack).synth()).toThrow(/aws_sns_topic "aspect\/topic" has no explicit provider/);
  });

  it('lets a resource with an explicit provider through', () => {
    expect(Testing.synth(stackWithTopic(true))).toHaveResourceWithProperties(SnsTopic, {
      name: 't',
      provider: 'aws',
    });
  });
});
