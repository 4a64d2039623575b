import { collectBlocks } from '../src/collect-blocks';
import { diffFixture, stackOf } from './helpers/fixtures';

describe('diffStackSets', () => {
  it('reports policy attributes statement by statement and other attributes leaf by leaf', () => {
    const dev = stackOf(diffFixture('policy-change'), 'dev');
    expect(dev.status).toBe('changed');
    expect(dev.counts).toEqual({ added: 0, changed: 4, removed: 0, renamed: 0 });

    const role = dev.blocks.find((block) => block.address === 'aws_iam_role.break_glass_reader');
    expect(role?.attributes).toEqual([
      { path: 'max_session_duration', before: '3600', after: '7200', redacted: false },
    ]);
    expect(role?.policies.map((policy) => policy.path)).toEqual(['assume_role_policy']);
    const [trust] = role?.policies ?? [];
    expect(trust?.statements).toHaveLength(1);
    expect(trust?.statements[0]?.change).toBe('changed');
    expect(trust?.statements[0]?.after?.Condition?.StringLike).toEqual({ 'aws:RequestTag/reason': ['?*'] });
  });

  it('pairs statements without a Sid by Effect and actions and lists the rest as removed', () => {
    const dev = stackOf(diffFixture('policy-change'), 'dev');
    const inline = dev.blocks.find((block) => block.address === 'aws_iam_role_policy.reader_read');
    const changes = inline?.policies[0]?.statements ?? [];
    expect(changes.map((change) => change.change).sort()).toEqual(['changed', 'removed']);
    const changed = changes.find((change) => change.change === 'changed');
    expect(changed?.before?.Resource).toEqual(['arn:aws:secretsmanager:eu-west-1:111111111111:secret:dev/*']);
    expect(changed?.after?.Resource).toEqual([
      'arn:aws:secretsmanager:eu-west-1:111111111111:secret:dev/orders/*',
    ]);
    expect(changes.find((change) => change.change === 'removed')?.before?.Action).toEqual(['kms:Decrypt']);
  });

  it('reports a renamed resource once, with the moved block noted when there is one', () => {
    const dev = stackOf(diffFixture('rename'), 'dev');
    expect(dev.counts).toEqual({ added: 0, changed: 0, removed: 0, renamed: 2 });
    const identical = dev.blocks.find(
      (block) => block.address === 'aws_secretsmanager_secret.orders_application',
    );
    expect(identical).toMatchObject({
      change: 'renamed',
      previousAddress: 'aws_secretsmanager_secret.orders_app',
      moved: false,
      attributes: [],
    });
    const moved = dev.blocks.find((block) => block.address === 'aws_secretsmanager_secret.billing');
    expect(moved).toMatchObject({
      change: 'renamed',
      previousAddress: 'aws_secretsmanager_secret.billing_app',
      moved: true,
    });
    expect(moved?.attributes).toEqual([
      { path: 'recovery_window_in_days', before: '7', after: '30', redacted: false },
    ]);
  });

  it('finds no changes when only metadata, key order and policy statement order differ', () => {
    const staging = stackOf(diffFixture('unchanged'), 'staging');
    expect(staging).toEqual({
      stack: 'staging',
      status: 'unchanged',
      counts: { added: 0, changed: 0, removed: 0, renamed: 0 },
      blocks: [],
    });
  });

  it('reports added and removed resources and whole stacks', () => {
    const report = diffFixture('added-removed');
    expect(report.stacks.map((stack) => [stack.stack, stack.status])).toEqual([
      ['prod', 'changed'],
      ['qa', 'added'],
      ['legacy', 'removed'],
    ]);
    const prod = stackOf(report, 'prod');
    expect(prod.blocks.map((block) => [block.change, block.address, block.provider])).toEqual([
      ['added', 'aws_cloudwatch_metric_alarm.rotation_failed', 'aws.workload'],
      ['removed', 'aws_sns_topic.rotation_alerts', 'aws.workload'],
    ]);
    const qa = stackOf(report, 'qa');
    const rotationRole = qa.blocks.find((block) => block.address === 'aws_iam_role.rotation');
    expect(rotationRole?.policies[0]?.statements.map((statement) => statement.change)).toEqual(['added']);
    expect(stackOf(report, 'legacy').blocks.every((block) => block.change === 'removed')).toBe(true);
  });

  it('orders stacks as the manifest lists them', () => {
    expect(diffFixture('example').stacks.map((stack) => stack.stack)).toEqual(['dev', 'staging', 'prod']);
  });
});

describe('collectBlocks', () => {
  it('lists input variables, so a new one a workspace must supply shows up', () => {
    const blocks = collectBlocks({
      variable: {
        tfc_aws_dynamic_credentials: { type: 'object({default=object({shared_config_file=string})})' },
      },
      output: { topic: { value: 'x' } },
    });
    expect(blocks.get('var.tfc_aws_dynamic_credentials')).toMatchObject({
      kind: 'variable',
      name: 'tfc_aws_dynamic_credentials',
      body: { type: 'object({default=object({shared_config_file=string})})' },
    });
    expect([...blocks.keys()]).toEqual(['var.tfc_aws_dynamic_credentials', 'output.topic']);
  });
});
