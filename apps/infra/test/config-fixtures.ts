import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small valid config as plain data (what a compiled config.js default-exports). */
export function plainConfig(): Record<string, unknown> {
  return {
    region: 'eu-west-1',
    accounts: {
      management: { accountId: '111111111111', deployRoleArn: 'arn:aws:iam::111111111111:role/deploy/d' },
      security: { accountId: '222222222222', deployRoleArn: 'arn:aws:iam::222222222222:role/deploy/d' },
      workloads: [
        {
          name: 'payments',
          accountId: '333333333333',
          deployRoleArn: 'arn:aws:iam::333333333333:role/deploy/d',
          vpc: { vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'] },
          databases: [
            {
              name: 'orders',
              engine: 'postgres',
              host: 'orders.c1.eu-west-1.rds.amazonaws.com',
              masterSecretArn: 'arn:aws:secretsmanager:eu-west-1:333333333333:secret:rds!db-1-AbCdEf',
              securityGroupId: 'sg-0123456789abcdef0',
              users: [
                {
                  username: 'orders_app',
                  strategy: 'single-user',
                  applicationRoleName: 'orders-api',
                  tags: { system: 'orders', critical: true },
                },
              ],
            },
          ],
        },
      ],
    },
    organization: { organizationId: 'o-a1b2c3d4e5', targetOuIds: ['ou-a1b2-c3d4e5f6'] },
    breakGlass: { iamUserArns: ['arn:aws:iam::222222222222:user/alice'] },
    rotation: { schedule: 'rate(30 days)', windowDuration: '3h' },
    alerts: { emailAddresses: ['oncall@example.com'] },
  };
}

/**
 * A temporary environments workspace: `<name>/config.ts` (a marker, as in the real workspace)
 * and `dist/<name>/config.js` exporting the given config, for each entry.
 */
export function environmentsDir(configs: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'environments-'));
  for (const [name, config] of Object.entries(configs)) {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, 'config.ts'), '// compiled copy in dist/\n');
    mkdirSync(join(root, 'dist', name), { recursive: true });
    writeFileSync(
      join(root, 'dist', name, 'config.js'),
      `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.default = ${JSON.stringify(config)};\n`,
    );
  }
  return root;
}
