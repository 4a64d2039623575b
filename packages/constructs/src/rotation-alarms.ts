import { ChatbotSlackChannelConfiguration } from '@cdktf/provider-aws/lib/chatbot-slack-channel-configuration';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { resourceName } from '@credential-rotation/environment-config';
import { Construct } from 'constructs';
import type { EncryptionKey } from './encryption-key';
import type { PolicyDocument } from './policy';
import { allow, condition, minify, policyDocument } from './policy';

/** Successful rotations, for teams that want a record of each one (opt-in). */
export const ROTATION_SUCCESS_EVENT_PATTERN = {
  source: ['aws.secretsmanager'],
  'detail-type': ['AWS Service Event via CloudTrail'],
  detail: { eventSource: ['secretsmanager.amazonaws.com'], eventName: ['RotationSucceeded'] },
} as const;

/**
 * Secrets Manager records rotation outcomes as CloudTrail service events; EventBridge delivers
 * them with this detail type on the default bus of the secret's account and region.
 */
export const ROTATION_FAILURE_EVENT_PATTERN = {
  source: ['aws.secretsmanager'],
  'detail-type': ['AWS Service Event via CloudTrail'],
  detail: {
    eventSource: ['secretsmanager.amazonaws.com'],
    eventName: ['RotationFailed', 'RotationAbandoned'],
  },
} as const;

export interface RotationAlarmsProps {
  readonly provider: AwsProvider;
  readonly environment: string;
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
  /** Encrypts the topic; its policy must let EventBridge and CloudWatch use it. */
  readonly key: EncryptionKey;
  /** The rotation function whose errors raise the alarm. */
  readonly functionName: string;
  /** Email subscriptions (each address confirms once). */
  readonly emailAddresses: readonly string[];
  /** Also publish every successful rotation (RotationSucceeded). @default false */
  readonly rotationSucceeded?: boolean;
  /** A Slack channel, through AWS Chatbot, subscribed besides email. @default - email only */
  readonly slack?: { readonly workspaceId: string; readonly channelId: string };
}

/**
 * Tells people when rotation fails: an EventBridge rule on Secrets Manager's RotationFailed and
 * RotationAbandoned events and an alarm on the function's Errors metric, both publishing to an
 * encrypted SNS topic with email subscriptions.
 */
export class RotationAlarms extends Construct {
  public readonly topic: SnsTopic;
  public readonly rule: CloudwatchEventRule;
  public readonly errorsAlarm: CloudwatchMetricAlarm;
  public readonly topicPolicy: PolicyDocument;

  public constructor(scope: Construct, id: string, props: RotationAlarmsProps) {
    super(scope, id);
    const { provider, environment, partition, accountId, region } = props;
    const topicName = resourceName(environment, 'rotation-alerts');
    const ruleName = resourceName(environment, 'rotation-failed');
    const topicArn = `arn:${partition}:sns:${region}:${accountId}:${topicName}`;

    this.topic = new SnsTopic(this, 'topic', {
      provider,
      name: topicName,
      displayName: `Credential rotation alerts (${environment})`,
      kmsMasterKeyId: props.key.keyArn,
    });
    this.topicPolicy = policyDocument(
      allow({
        // The rotation failure rule, and the governance's guard rules (attempts at guarded actions).
        Sid: 'EventBridgeRotationEvents',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: topicArn,
        Condition: condition('ArnLike', 'aws:SourceArn', [
          `arn:${partition}:events:${region}:${accountId}:rule/${ruleName}`,
          `arn:${partition}:events:${region}:${accountId}:rule/${resourceName(environment, 'rotation-succeeded')}`,
          `arn:${partition}:events:${region}:${accountId}:rule/${resourceName(environment, 'guard')}-*`,
        ]),
      }),
      allow({
        Sid: 'CloudWatchAlarms',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: topicArn,
        Condition: condition(
          'ArnLike',
          'aws:SourceArn',
          `arn:${partition}:cloudwatch:${region}:${accountId}:alarm:${environment}-*`,
        ),
      }),
    );
    new SnsTopicPolicy(this, 'topic-policy', {
      provider,
      arn: this.topic.arn,
      policy: minify(this.topicPolicy),
    });
    props.emailAddresses.forEach((address, index) => {
      new SnsTopicSubscription(this, `email-${index}`, {
        provider,
        topicArn: this.topic.arn,
        protocol: 'email',
        endpoint: address,
      });
    });

    this.rule = new CloudwatchEventRule(this, 'rotation-failed', {
      provider,
      name: ruleName,
      description: 'Secrets Manager rotation failed or was abandoned',
      eventPattern: JSON.stringify(ROTATION_FAILURE_EVENT_PATTERN),
    });
    new CloudwatchEventTarget(this, 'rotation-failed-target', {
      provider,
      rule: this.rule.name,
      targetId: 'alerts-topic',
      arn: this.topic.arn,
    });

    if (props.rotationSucceeded === true) {
      const succeeded = new CloudwatchEventRule(this, 'rotation-succeeded', {
        provider,
        name: resourceName(environment, 'rotation-succeeded'),
        description: 'Secrets Manager rotation succeeded',
        eventPattern: JSON.stringify(ROTATION_SUCCESS_EVENT_PATTERN),
      });
      new CloudwatchEventTarget(this, 'rotation-succeeded-target', {
        provider,
        rule: succeeded.name,
        targetId: 'alerts-topic',
        arn: this.topic.arn,
      });
    }
    if (props.slack !== undefined) this.addSlack(props, props.slack);

    this.errorsAlarm = new CloudwatchMetricAlarm(this, 'function-errors', {
      provider,
      // The function name already starts with the environment (it comes from resourceName).
      alarmName: `${props.functionName}-errors`,
      alarmDescription: `Errors in ${props.functionName}: a rotation step failed`,
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      dimensions: { FunctionName: props.functionName },
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 0,
      comparisonOperator: 'GreaterThanThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: [this.topic.arn],
      okActions: [this.topic.arn],
    });
  }

  /**
   * AWS Chatbot delivers the topic to a Slack channel. Its role may only read CloudWatch (the
   * guardrail caps what anyone in the channel can do through it); it gets no permission of its own.
   */
  private addSlack(props: RotationAlarmsProps, slack: { workspaceId: string; channelId: string }): void {
    const { provider, environment } = props;
    const role = new IamRole(this, 'chatbot-role', {
      provider,
      name: resourceName(environment, 'rotation-chatbot'),
      description: 'AWS Chatbot: rotation alerts to Slack',
      assumeRolePolicy: minify(
        policyDocument(
          allow({
            Sid: 'Chatbot',
            Principal: { Service: 'chatbot.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: condition('StringEquals', 'aws:SourceAccount', props.accountId),
          }),
        ),
      ),
    });
    new ChatbotSlackChannelConfiguration(this, 'slack', {
      provider,
      configurationName: resourceName(environment, 'rotation-alerts'),
      iamRoleArn: role.arn,
      slackTeamId: slack.workspaceId,
      slackChannelId: slack.channelId,
      snsTopicArns: [this.topic.arn],
      guardrailPolicyArns: [`arn:${props.partition}:iam::aws:policy/CloudWatchReadOnlyAccess`],
      loggingLevel: 'ERROR',
    });
  }
}
