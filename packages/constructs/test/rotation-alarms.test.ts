import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { RotationAlarmsProps } from '../src';
import {
  EncryptionKey,
  ROTATION_FAILURE_EVENT_PATTERN,
  ROTATION_SUCCESS_EVENT_PATTERN,
  RotationAlarms,
} from '../src';
import { policyOf, resourcesOf, statement, synth, testStack } from './helpers';

function alarmsStack(extra: Partial<RotationAlarmsProps> = {}) {
  const { stack, provider } = testStack();
  const key = new EncryptionKey(stack, 'ops-key', {
    provider,
    partition: 'aws',
    accountId: '333333333333',
    region: 'eu-west-1',
    aliasName: 'prod-ops',
    description: 'ops',
    deployRoleArn: 'arn:aws:iam::333333333333:role/deploy',
    usageStatements: () => [],
  });
  new RotationAlarms(stack, 'alarms', {
    provider,
    environment: 'prod',
    partition: 'aws',
    accountId: '333333333333',
    region: 'eu-west-1',
    key,
    functionName: 'prod-secrets-rotation-payments',
    emailAddresses: ['a@example.com', 'b@example.com'],
    ...extra,
  });
  return synth(stack);
}

describe('RotationAlarms', () => {
  it('matches the Secrets Manager RotationFailed and RotationAbandoned service events', () => {
    const { parsed } = alarmsStack();
    const rule = resourcesOf(parsed, 'aws_cloudwatch_event_rule')[0]!;
    expect(rule.name).toBe('prod-rotation-failed');
    expect(JSON.parse(rule.event_pattern as string)).toEqual({
      source: ['aws.secretsmanager'],
      'detail-type': ['AWS Service Event via CloudTrail'],
      detail: {
        eventSource: ['secretsmanager.amazonaws.com'],
        eventName: ['RotationFailed', 'RotationAbandoned'],
      },
    });
    expect(JSON.parse(rule.event_pattern as string)).toEqual(ROTATION_FAILURE_EVENT_PATTERN);
    expect(resourcesOf(parsed, 'aws_cloudwatch_event_target')[0]!.arn).toMatch(
      /^\$\{aws_sns_topic\.alarms_topic_\w+\.arn\}$/,
    );
  });

  it('alarms on any error of the function', () => {
    expect(alarmsStack().json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'prod-secrets-rotation-payments-errors',
      namespace: 'AWS/Lambda',
      metric_name: 'Errors',
      dimensions: { FunctionName: 'prod-secrets-rotation-payments' },
      statistic: 'Sum',
      threshold: 0,
      comparison_operator: 'GreaterThanThreshold',
    });
  });

  it('publishes to a KMS-encrypted topic that only this rule, the guard rules and these alarms may use', () => {
    const { parsed, json } = alarmsStack();
    const topic = resourcesOf(parsed, 'aws_sns_topic')[0]!;
    expect(topic.name).toBe('prod-rotation-alerts');
    expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.ops-key_\w+\.arn\}$/);
    const policy = policyOf(resourcesOf(parsed, 'aws_sns_topic_policy')[0]!);
    expect(statement(policy, 'EventBridgeRotationEvents').Condition).toEqual({
      ArnLike: {
        'aws:SourceArn': [
          'arn:aws:events:eu-west-1:333333333333:rule/prod-rotation-failed',
          'arn:aws:events:eu-west-1:333333333333:rule/prod-rotation-succeeded',
          'arn:aws:events:eu-west-1:333333333333:rule/prod-guard-*',
        ],
      },
    });
    expect(statement(policy, 'CloudWatchAlarms').Resource).toBe(
      'arn:aws:sns:eu-west-1:333333333333:prod-rotation-alerts',
    );
    expect(json).toHaveResourceWithProperties(SnsTopicSubscription, {
      protocol: 'email',
      endpoint: 'a@example.com',
    });
    expect(json).toHaveResourceWithProperties(SnsTopicSubscription, {
      protocol: 'email',
      endpoint: 'b@example.com',
    });
  });

  it('adds no success rule and no Slack channel unless asked', () => {
    const { parsed } = alarmsStack();
    expect(resourcesOf(parsed, 'aws_cloudwatch_event_rule').map((r) => r.name)).toEqual([
      'prod-rotation-failed',
    ]);
    expect(resourcesOf(parsed, 'aws_chatbot_slack_channel_configuration')).toEqual([]);
  });

  it('publishes successful rotations and sends the topic to Slack through a Chatbot role that may only read CloudWatch', () => {
    const { parsed } = alarmsStack({
      rotationSucceeded: true,
      slack: { workspaceId: 'T0EXAMPLE01', channelId: 'C0ROTATION1' },
    });
    const succeeded = resourcesOf(parsed, 'aws_cloudwatch_event_rule').find(
      (r) => r.name === 'prod-rotation-succeeded',
    );
    expect(JSON.parse(succeeded!.event_pattern as string)).toEqual(ROTATION_SUCCESS_EVENT_PATTERN);
    const slack = resourcesOf(parsed, 'aws_chatbot_slack_channel_configuration')[0]!;
    expect(slack).toEqual(
      expect.objectContaining({
        configuration_name: 'prod-rotation-alerts',
        slack_team_id: 'T0EXAMPLE01',
        slack_channel_id: 'C0ROTATION1',
        guardrail_policy_arns: ['arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess'],
      }),
    );
    expect(slack.sns_topic_arns).toEqual([
      expect.stringMatching(/^\$\{aws_sns_topic\.alarms_topic_\w+\.arn\}$/),
    ]);
    expect(resourcesOf(parsed, 'aws_iam_role_policy')).toEqual([]);
  });
});
