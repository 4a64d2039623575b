// Staging: mirrors prod's shape on two accounts; state in Terraform Cloud.
import { defineEnvironment } from '@credential-rotation/environment-config';

export default defineEnvironment({
  region: 'eu-west-1',
  accounts: {
    management: {
      accountId: '111111111111',
      deployRoleArn: 'arn:aws:iam::111111111111:role/deploy/credential-rotation-deploy',
    },
    security: {
      accountId: '222222222222',
      deployRoleArn: 'arn:aws:iam::222222222222:role/deploy/credential-rotation-deploy',
    },
    workloads: [
      {
        name: 'payments',
        accountId: '444444444444',
        deployRoleArn: 'arn:aws:iam::444444444444:role/deploy/credential-rotation-deploy',
        vpc: {
          vpcId: 'vpc-05a9000000000001a',
          subnetIds: ['subnet-05a9000000000a01a', 'subnet-05a9000000000b01a', 'subnet-05a9000000000c01a'],
          secretsManagerEndpoint: { mode: 'create' },
        },
        databases: [
          {
            name: 'orders',
            engine: 'aurora-postgresql',
            host: 'orders-stg.cluster-c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com',
            dbname: 'orders',
            masterSecretArn:
              'arn:aws:secretsmanager:eu-west-1:444444444444:secret:rds!cluster-0a1b2c3d-0000-4000-8000-000000000011-Ij56Kl',
            securityGroupId: 'sg-05a9000000000d01a',
            // This database's security group has no other owner: the stack adds the ingress rule too.
            ingressFromRotation: true,
            users: [
              {
                username: 'orders_app',
                strategy: 'alternating-users',
                applicationRoleName: 'orders-api',
                tags: { system: 'orders', critical: true },
              },
              {
                username: 'orders_reporting',
                strategy: 'single-user',
                applicationRoleName: 'orders-reporting',
                tags: { system: 'orders', critical: false },
              },
            ],
          },
        ],
      },
      {
        name: 'identity',
        accountId: '555555555555',
        deployRoleArn: 'arn:aws:iam::555555555555:role/deploy/credential-rotation-deploy',
        vpc: {
          vpcId: 'vpc-05a9000000000002a',
          subnetIds: ['subnet-05a9000000000a02a', 'subnet-05a9000000000b02a'],
          secretsManagerEndpoint: { mode: 'existing', securityGroupId: 'sg-05a9000000000e02a' },
        },
        databases: [
          {
            name: 'accounts',
            engine: 'mysql',
            host: 'accounts-stg.c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com',
            dbname: 'accounts',
            masterSecretArn:
              'arn:aws:secretsmanager:eu-west-1:555555555555:secret:rds!db-0a1b2c3d-0000-4000-8000-000000000012-Mn78Op',
            securityGroupId: 'sg-05a9000000000d02a',
            users: [
              {
                username: 'accounts_app',
                strategy: 'alternating-users',
                applicationRoleName: 'accounts-api',
                tags: { system: 'identity', critical: true },
              },
            ],
          },
        ],
      },
    ],
  },
  organization: {
    organizationId: 'o-a1b2c3d4e5',
    targetOuIds: ['ou-a1b2-5t4g0001'],
  },
  breakGlass: {
    identityCenterRoleArnPatterns: [
      'arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_BreakGlassStaging_????????????????',
    ],
  },
  rotation: {
    // Sundays and Wednesdays at 03:00 UTC: two rotations a week exercise both clone logins.
    schedule: 'cron(0 3 ? * SUN,WED *)',
    windowDuration: '3h',
  },
  rotationFunction: { logRetentionDays: 90 },
  alerts: { emailAddresses: ['platform-staging-alerts@example.com'], rotationSucceeded: true },
  audit: { auditorPrincipalArns: ['arn:aws:iam::222222222222:role/ci/rotation-report'] },
  terraformCloud: { organization: 'example-corp', workspace: 'credential-rotation-staging' },
});
