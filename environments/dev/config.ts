// Development: one workload account, a PostgreSQL and a MariaDB database, local Terraform state.
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
        name: 'sandbox',
        accountId: '333333333333',
        deployRoleArn: 'arn:aws:iam::333333333333:role/deploy/credential-rotation-deploy',
        vpc: {
          vpcId: 'vpc-0dee0000000000001',
          subnetIds: ['subnet-0dee0000000000a01', 'subnet-0dee0000000000b01'],
          // Dev saves the endpoint's hourly cost: the private subnets have a NAT gateway.
          secretsManagerEndpoint: { mode: 'nat' },
        },
        databases: [
          {
            name: 'orders',
            engine: 'postgres',
            host: 'orders-dev.c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com',
            dbname: 'orders',
            masterSecretArn:
              'arn:aws:secretsmanager:eu-west-1:333333333333:secret:rds!db-0a1b2c3d-0000-4000-8000-000000000001-Ab12Cd',
            securityGroupId: 'sg-0dee0000000000d01',
            users: [
              {
                username: 'orders_app',
                strategy: 'single-user',
                applicationRoleName: 'orders-api',
                tags: { system: 'orders', critical: false },
              },
            ],
          },
          {
            name: 'catalog',
            engine: 'mariadb',
            host: 'catalog-dev.c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com',
            masterSecretArn:
              'arn:aws:secretsmanager:eu-west-1:333333333333:secret:rds!db-0a1b2c3d-0000-4000-8000-000000000002-Ef34Gh',
            cidrBlocks: ['10.10.32.0/24'],
            users: [
              {
                username: 'catalog_app',
                strategy: 'alternating-users',
                applicationRoleName: 'catalog-api',
                tags: { system: 'catalog', critical: false },
              },
            ],
          },
        ],
      },
    ],
  },
  organization: {
    organizationId: 'o-a1b2c3d4e5',
    targetOuIds: ['ou-a1b2-d3v00001'],
  },
  breakGlass: {
    identityCenterRoleArnPatterns: [
      'arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_BreakGlassDev_????????????????',
    ],
  },
  rotation: {
    // Every day at 02:00 UTC in dev, so rotation problems show up before staging.
    schedule: 'cron(0 2 * * ? *)',
    windowDuration: '2h',
  },
  rotationFunction: { logRetentionDays: 30, reservedConcurrency: 2 },
  passwordPolicy: { length: 32 },
  alerts: { emailAddresses: ['platform-dev-alerts@example.com'] },
  terraformCloud: { organization: 'example-corp', workspace: 'credential-rotation-dev' },
});
