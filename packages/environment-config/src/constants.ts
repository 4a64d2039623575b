/**
 * Conventions shared by the config schema, the constructs and the governance policies.
 * They are a contract: the SCP allow-list and the secret resource policies are built from
 * the same values, so changing one here changes both sides together.
 */

/** Values of a secret's `engine` field, as RDS writes them (same list as engine-adapters). */
export const ENGINES = ['postgres', 'aurora-postgresql', 'mysql', 'aurora-mysql', 'mariadb'] as const;
export type Engine = (typeof ENGINES)[number];

/** Driver family behind each engine: decides the default port and the username limit. */
export const ENGINE_FAMILY = {
  postgres: 'postgres',
  'aurora-postgresql': 'postgres',
  mysql: 'mysql',
  'aurora-mysql': 'mysql',
  mariadb: 'mysql',
} as const satisfies Record<Engine, 'postgres' | 'mysql'>;

export const DEFAULT_PORTS = { postgres: 5432, mysql: 3306 } as const;

/**
 * Longest username each engine accepts, the `_clone` login of alternating users included:
 * PostgreSQL 63 bytes, MySQL and Aurora MySQL 32 characters, MariaDB 80 (`mysql.user.User` in
 * 10.0-10.5; 10.6+ allow 128, so 80 holds on every version). The same table as
 * `MAX_USERNAME_LENGTH_BY_ENGINE` in engine-adapters (a test keeps them equal); usernames here
 * are ASCII, so bytes and characters agree.
 */
export const MAX_USERNAME_LENGTH = {
  postgres: 63,
  'aurora-postgresql': 63,
  mysql: 32,
  'aurora-mysql': 32,
  mariadb: 80,
} as const satisfies Record<Engine, number>;

export const ROTATION_STRATEGIES = ['single-user', 'alternating-users'] as const;
export type RotationStrategy = (typeof ROTATION_STRATEGIES)[number];

/** The alternating-users strategy keeps a second login named `<username><CLONE_SUFFIX>`. */
export const CLONE_SUFFIX = '_clone';

/**
 * IAM role paths. Only roles under these paths may read secret values: the secret resource
 * policies and the governance SCP both allow-list them, and the SCP stops anyone but the deploy
 * role from creating or changing roles there.
 */
export const ROLE_PATHS = {
  /** Application roles that read one database user's secret. */
  workload: '/workload/',
  /** The rotation function's execution role. */
  rotation: '/secrets-rotation/',
  /** The break-glass reader role in each workload account (and the central role). */
  breakGlass: '/breakglass/',
} as const;

/** Tag keys written on every managed secret; policies condition on them. */
export const TAG_KEYS = {
  environment: 'env',
  system: 'system',
  critical: 'critical',
  managedBy: 'managed-by',
  /** Value is the environment name when people may read the secret through break-glass. */
  breakGlassReadable: 'breakglass:readable',
} as const;

/** Value of the `managed-by` tag on everything this repository creates. */
export const MANAGED_BY = 'credential-rotation';

/** Retention values CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Characters left out of generated passwords by default: they break connection strings and shells. */
export const DEFAULT_EXCLUDE_CHARACTERS = `/@"'\\\`$ `;
