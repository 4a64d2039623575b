import { randomUUID } from 'node:crypto';
import type { TrailEventFixture } from './aws-front';

/**
 * CloudTrail events shaped like the documented records: the LookupEvents "Event" wrapper with the
 * full record as the `CloudTrailEvent` JSON string (CloudTrail record contents; IAM/STS AssumeRole
 * example in "Logging IAM and AWS STS API calls with AWS CloudTrail"; Secrets Manager's
 * RotationFailed service event in "Log AWS Secrets Manager events with AWS CloudTrail").
 */
export function assumeRoleEvent(props: {
  readonly at: Date;
  readonly accountId: string;
  readonly callerArn: string;
  readonly roleArn: string;
  readonly sourceIdentity: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly issuedKeyId: string;
}): TrailEventFixture {
  const eventId = randomUUID();
  const record = {
    eventVersion: '1.08',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLE',
      arn: props.callerArn,
      accountId: props.accountId,
      accessKeyId: 'AKIAEXAMPLE',
    },
    eventTime: props.at.toISOString(),
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent: 'aws-cli/2.15.0',
    requestParameters: {
      roleArn: props.roleArn,
      roleSessionName: props.sourceIdentity,
      durationSeconds: 3600,
      tags: Object.entries(props.tags).map(([key, value]) => ({ key, value })),
      transitiveTagKeys: ['reason'],
      sourceIdentity: props.sourceIdentity,
    },
    responseElements: {
      credentials: {
        accessKeyId: props.issuedKeyId,
        sessionToken: 'HIDDEN_DUE_TO_SECURITY_REASONS',
        expiration: 'Jan 1, 2030, 1:00:00 AM',
      },
      assumedRoleUser: {
        assumedRoleId: `AROAEXAMPLE:${props.sourceIdentity}`,
        arn: `${props.roleArn}/${props.sourceIdentity}`,
      },
      sourceIdentity: props.sourceIdentity,
    },
    requestID: randomUUID(),
    eventID: eventId,
    readOnly: true,
    resources: [{ accountId: props.accountId, type: 'AWS::IAM::Role', ARN: props.roleArn }],
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: props.accountId,
    eventCategory: 'Management',
  };
  return {
    EventId: eventId,
    EventName: 'AssumeRole',
    ReadOnly: 'true',
    AccessKeyId: 'AKIAEXAMPLE',
    EventTime: props.at.getTime() / 1000,
    EventSource: 'sts.amazonaws.com',
    Username: props.sourceIdentity,
    Resources: [{ ResourceType: 'AWS::IAM::Role', ResourceName: props.roleArn }],
    CloudTrailEvent: JSON.stringify(record),
  };
}

/** A Secrets Manager API call made with a session's keys (e.g. a value read by the reader role). */
export function secretCallEvent(props: {
  readonly at: Date;
  readonly accountId: string;
  readonly eventName: string;
  readonly accessKeyId: string;
  readonly sessionArn: string;
  readonly secretId: string;
}): TrailEventFixture {
  const eventId = randomUUID();
  const record = {
    eventVersion: '1.08',
    userIdentity: {
      type: 'AssumedRole',
      arn: props.sessionArn,
      accountId: props.accountId,
      accessKeyId: props.accessKeyId,
    },
    eventTime: props.at.toISOString(),
    eventSource: 'secretsmanager.amazonaws.com',
    eventName: props.eventName,
    awsRegion: 'us-east-1',
    requestParameters: { secretId: props.secretId },
    responseElements: null,
    eventID: eventId,
    readOnly: true,
    eventType: 'AwsApiCall',
    recipientAccountId: props.accountId,
  };
  return {
    EventId: eventId,
    EventName: props.eventName,
    ReadOnly: 'true',
    AccessKeyId: props.accessKeyId,
    EventTime: props.at.getTime() / 1000,
    EventSource: 'secretsmanager.amazonaws.com',
    Resources: [{ ResourceType: 'AWS::SecretsManager::Secret', ResourceName: props.secretId }],
    CloudTrailEvent: JSON.stringify(record),
  };
}

/** The service event Secrets Manager records when a rotation fails (eventType AwsServiceEvent). */
export function rotationFailedEvent(props: {
  readonly at: Date;
  readonly accountId: string;
  readonly secretArn: string;
}): TrailEventFixture {
  const eventId = randomUUID();
  const record = {
    eventVersion: '1.08',
    userIdentity: { accountId: props.accountId, invokedBy: 'secretsmanager.amazonaws.com' },
    eventTime: props.at.toISOString(),
    eventSource: 'secretsmanager.amazonaws.com',
    eventName: 'RotationFailed',
    awsRegion: 'us-east-1',
    sourceIPAddress: 'secretsmanager.amazonaws.com',
    userAgent: 'secretsmanager.amazonaws.com',
    requestParameters: null,
    responseElements: null,
    additionalEventData: { SecretId: props.secretArn },
    requestID: randomUUID(),
    eventID: eventId,
    readOnly: false,
    eventType: 'AwsServiceEvent',
    managementEvent: true,
    recipientAccountId: props.accountId,
    eventCategory: 'Management',
  };
  return {
    EventId: eventId,
    EventName: 'RotationFailed',
    ReadOnly: 'false',
    EventTime: props.at.getTime() / 1000,
    EventSource: 'secretsmanager.amazonaws.com',
    Resources: [],
    CloudTrailEvent: JSON.stringify(record),
  };
}
