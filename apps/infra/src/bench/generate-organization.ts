import type { EnvironmentConfigInput, EnvironmentLayout } from '@credential-rotation/environment-config';
import { ENGINES } from '@credential-rotation/environment-config';

export interface GeneratedOrganizationOptions {
  /** @default 100 */
  readonly accounts?: number;
  /** Secrets (database users) per account. @default 20 */
  readonly secretsPerAccount?: number;
  /** Users per database; databases per account follow. @default 5 */
  readonly usersPerDatabase?: number;
  /** @default single-stack */
  readonly layout?: EnvironmentLayout;
  /**
   * Index of the first account, so several generated environments get distinct account ids.
   * @default 0
   */
  readonly firstAccount?: number;
  /**
   * The OUs hold only these accounts (`organization.dedicatedOus`): the SCPs then list no account
   * ids, which lets one environment pass about 130 accounts. @default false
   */
  readonly dedicatedOus?: boolean;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/**
 * A large but valid environment for the synth benchmark: `accounts` workload accounts with
 * `secretsPerAccount` database users each, cycling through every engine and both strategies.
 */
export function generateOrganization(options: GeneratedOrganizationOptions = {}): EnvironmentConfigInput {
  const accounts = options.accounts ?? 100;
  const secretsPerAccount = options.secretsPerAccount ?? 20;
  const usersPerDatabase = options.usersPerDatabase ?? 5;
  const databasesPerAccount = Math.ceil(secretsPerAccount / usersPerDatabase);
  const deployRole = (id: string) => `arn:aws:iam::${id}:role/deploy/credential-rotation-deploy`;

  const firstAccount = options.firstAccount ?? 0;
  const workloads = Array.from({ length: accounts }, (_, index) => {
    const a = firstAccount + index;
    const accountId = String(500000000000 + a);
    const databases = Array.from({ length: databasesPerAccount }, (_, d) => {
      const engine = ENGINES[(a + d) % ENGINES.length]!;
      const first = d * usersPerDatabase;
      const count = Math.min(usersPerDatabase, secretsPerAccount - first);
      return {
        name: `db${d}`,
        engine,
        host: `db${d}.c${hex(a, 10)}.eu-west-1.rds.amazonaws.com`,
        dbname: `app${d}`,
        masterSecretArn: `arn:aws:secretsmanager:eu-west-1:${accountId}:secret:rds!db-${hex(a, 4)}${hex(d, 4)}-Ab12Cd`,
        securityGroupId: `sg-${hex(a, 9)}${hex(d, 8)}`,
        users: Array.from({ length: count }, (_, u) => ({
          username: `user_${first + u}`,
          strategy: (u % 2 === 0 ? 'alternating-users' : 'single-user') as
            'alternating-users' | 'single-user',
          applicationRoleName: `app-${d}-${u}`,
          tags: { system: `system-${d}`, critical: u === 0 },
        })),
      };
    });
    return {
      name: `acct-${String(a).padStart(3, '0')}`,
      accountId,
      deployRoleArn: deployRole(accountId),
      vpc: {
        vpcId: `vpc-${hex(a, 17)}`,
        subnetIds: [`subnet-${hex(a, 15)}a1`, `subnet-${hex(a, 15)}b1`],
        secretsManagerEndpoint: { mode: 'create' as const },
      },
      databases,
    };
  });

  return {
    layout: options.layout ?? 'single-stack',
    region: 'eu-west-1',
    accounts: {
      management: { accountId: '111111111111', deployRoleArn: deployRole('111111111111') },
      security: { accountId: '222222222222', deployRoleArn: deployRole('222222222222') },
      workloads,
    },
    organization: {
      organizationId: 'o-a1b2c3d4e5',
      targetOuIds: ['ou-a1b2-bench001'],
      ...(options.dedicatedOus === true ? { dedicatedOus: true } : {}),
    },
    breakGlass: {
      identityCenterRoleArnPatterns: [
        'arn:aws:iam::222222222222:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_BreakGlass_????????????????',
      ],
    },
    rotation: { schedule: 'rate(30 days)', windowDuration: '4h' },
    alerts: { emailAddresses: ['bench@example.com'] },
  };
}
