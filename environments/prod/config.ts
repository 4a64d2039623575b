// Production: three workload accounts, every engine family and both rotation strategies,
// secrets replicated to a second region for disaster recovery, state in Terraform Cloud.
import { defineEnvironment } from '@credential-rotation/environment-config';

const deployRole = (accountId: string) => `arn:aws:iam::${accountId}:role/deploy/credential-rotation-deploy`;

export default defineEnvironment({
  region: 'eu-west-1',
  replicaRegions: ['eu-central-1'],
  accounts: {
    management: { accountId: '111111111111', deployRoleArn: deployRole('111111111111') },
    security: { accountId: '222222222222', deployRoleArn: deployRole('222222222222') },
    workloads: [
      {
        name: 'payments',
        accountId: '666666666666',
        deployRoleArn: deployRole('666666666666'),
        vpc: {
          vpcId: 'vpc-0b0d000000000001a',
          subnetIds: ['subnet-0b0d000000000a01a', 'subnet-0b0d000000000b01a', 'subnet-0b0d000000000c01a'],
          secretsManagerEndpoint: { mode: 'create' },
        },
        databases: [
          {
            name: 'orders',
            engine: 'aurora-postgresql',
            host: 'orders.cluster-c9d8e7f6a5b4.eu-west-1.rds.amazonaws.com',
            dbname: 'orders',
            masterSecretArn:
              'arn:aws:secretsmanager:eu-west-1:666666666666:secret:rds!cluster-0a1b2c3d-0000-4000-8000-000000000021-Qr90St',
            masterSecretKmsKeyArn:
              'arn:aws:kms:eu-west-1:666666666666:key/0a1b2c3d-0000-4000-8000-000000000121',
            securityGroupId: 'sg-0b0d000000000d01a',
            users: [
              {
                username: 'orders_app',
                strategy: 'alternating-users',
                applicationRoleName: 'orders-api',
                tags: { system: 'orders', critical: true },
              },
              {
                username: 'orders_worker',
                strategy: 'alternating-users',
                applicationRoleName: 'orders-worker',
                tags: { system: 'orders', critical: true },
              },
              {
                username: 'orders_reporting',
                strategy: 'single-user',
                applicationRoleName: 'orders-reporting',
                tags: { system: 'orders', critical: false },
                breakGlassReadable: false,
              },
            ],
          },
          {
            name: 'ledger',
            engine: 'postgres',
            host: 'ledger.c9d8e7f6a5b4.eu-west-1.rds.amazonaws.com',
            port: 5433,
            dbname: 'ledger',
            masterSecretArn:
              'arn:aws:secretsmanager:eu-west-1:666666666666:secret:rds!db-0a1b2c3d-0000-4000-8000-000000000022-Uv12Wx',
            securityGroupId: 'sg-0b0d000000000d02a',
            users: [
              {
                username: 'ledger_app',
                strategy: 'alternating-users',
                applicationRoleName: 'ledger-api',
                tags: { system: 'ledger', critical: true },
              },
            ],
          },
        ],
      },
      {
        name: 'identity',
        accountId: '777777777777',
        deployRoleArn: deployRole('777777777777'),
        vpc: {
          vpcId: 'vpc-0b0d000000000002a',
          subnetIds: ['subnet-0b0d000000000a02a', 'subnet-0b0d000000000b02a'],
          securityGroupIds: ['sg-0b0d000000000f02a'],
          secretsManagerEndpoint: { mode: 'existing', securityGroupId: 'sg-0b0d000000000e02a' },
        },
        databases: [
          {
            name: 'accounts',
            engine: 'mysql',
            host: 'accounts.c9d8e7f6a5b4.eu-west-1.rds.amazonaws.com',
            dbname: 'accounts',
            masterSecretArn:
              'arn:aws:secretsmanager:eu-west-1:777777777777:secret:rds!db-0a1b2c3d-0000-4000-8000-000000000031-Yz34Ab',
            securityGroupId: 'sg-0b0d000000000d03a',
            users: [
              {
                username: 'accounts_app',
                strategy: 'alternating-users',
                applicationRoleName: 'accounts-api',
                tags: { system: 'identity', critical: true },
              },
              {
                username: 'accounts_audit',
                strategy: 'single-user',
                applicationRoleName: 'accounts-audit',
                tags: { system: 'identity', critical: false },
              },
            ],
          },
          {
            name: 'sessions',
            engine: 'mariadb',
            host: 'sessions.c9d8e7f6a5b4.eu-west-1.rds.amazonaws.com',
            masterSecretArn:
              'arn:aws:secretsmanager:eu-west-1:777777777777:secret:rds!db-0a1b2c3d-0000-4000-8000-000000000032-Cd56Ef',
            cidrBlocks: ['10.20.48.0/24', '10.20.49.0/24'],
            users: [
              {
                username: 'sessions_app',
                strategy: 'single-user',
                applicationRoleName: 'sessions-api',
                tags: { system: 'identity', critical: true },
              },
            ],
          },
        ],
      },
      {
        name: 'analytics',
        accountId: '888888888888',
        deployRoleArn: deployRole('888888888888'),
        vpc: {
          vpcId: 'vpc-0b0d000000000003a',
          subnetIds: ['subnet-0b0d000000000a03a', 'subnet-0b0d000000000b03a'],
          secretsManagerEndpoint: { mode: 'create' },
        },
        databases: [
          {
            name: 'warehouse',
            engine: 'aurora-mysql',
            host: 'warehouse.cluster-c9d8e7f6a5b4.eu-west-1.rds.amazonaws.com',
            dbname: 'warehouse',
            masterSecretArn:
              'arn:aws:secretsmanager:eu-west-1:888888888888:secret:rds!cluster-0a1b2c3d-0000-4000-8000-000000000041-Gh78Ij',
            securityGroupId: 'sg-0b0d000000000d04a',
            users: [
              {
                username: 'etl_loader',
                strategy: 'alternating-users',
                applicationRoleName: 'warehouse-etl',
                tags: { system: 'analytics', critical: false },
              },
              {
                username: 'bi_reader',
                strategy: 'single-user',
                applicationRoleName: 'warehouse-bi',
                tags: { system: 'analytics', critical: false },
              },
            ],
          },
        ],
      },
    ],
  },
  organization: {
    organizationId: 'o-a1b2c3d4e5',
    targetOuIds: ['ou-a1b2-pr0d0001', 'ou-a1b2-pr0d0002'],
  },
  breakGlass: {
    iamUserArns: [
      'arn:aws:iam::222222222222:user/breakglass/alice',
      'arn:aws:iam::222222222222:user/breakglass/bob',
    ],
    identityCenterRoleArnPatterns: [
      'arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_BreakGlassProd_????????????????',
    ],
    alertEmailAddresses: ['security-oncall@example.com'],
  },
  rotation: {
    // Every 30 days; rate() windows start at 00:00 UTC, the quietest hours for these systems.
    schedule: 'rate(30 days)',
    windowDuration: '4h',
    rotateImmediately: true,
  },
  rotationFunction: {
    timeoutSeconds: 60,
    connectTimeoutMs: 5000,
    reservedConcurrency: 5,
    logRetentionDays: 365,
  },
  passwordPolicy: { length: 40 },
  alerts: {
    emailAddresses: ['platform-oncall@example.com', 'dba-oncall@example.com'],
    // The on-call channel gets the same alerts through AWS Chatbot.
    slack: { workspaceId: 'T0EXAMPLE01', channelId: 'C0ROTATION1' },
  },
  // Auditors and on-call run `credential-rotation report --env prod` through these read-only roles.
  audit: {
    auditorPrincipalArns: [
      'arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_RotationAuditor_????????????????',
      'arn:aws:iam::222222222222:role/ci/rotation-report',
    ],
    configRules: true,
  },
  terraformCloud: { organization: 'example-corp', workspace: 'credential-rotation-prod' },
});
