/**
 * Rules that span fields: each adds an issue at the path a person would edit to fix it.
 */
import type { z } from 'zod';
import { CLONE_SUFFIX, MAX_USERNAME_LENGTH } from './constants';
import { formatPath } from './format-path';
import { arnAccount, arnRegion } from './patterns';
import { checkWindowFits, parseSchedule, parseWindowHours } from './schedule';
import type { EnvironmentConfig } from './schema';

type Path = (string | number)[];
type Ctx = z.RefinementCtx<EnvironmentConfig>;

/** setSecret may log in up to five times (current, pending, previous, the orphaned pending version, master). */
const LOGINS_PER_STEP = 5;
/** Head room for Secrets Manager calls and the statements themselves. */
const STEP_MARGIN_SECONDS = 10;

export function crossCheck(config: EnvironmentConfig, ctx: Ctx): void {
  const add = (path: Path, message: string, input?: unknown) =>
    ctx.addIssue({ code: 'custom', path, message, ...(input !== undefined ? { input } : {}) });

  checkDeployRoles(config, add);
  checkWorkloadAccounts(config, add);
  config.accounts.workloads.forEach((workload, w) =>
    checkDatabases(config, workload, ['accounts', 'workloads', w], add),
  );
  checkRotation(config, add);
  checkReplicaRegions(config, add);
  if (
    config.breakGlass.iamUserArns.length === 0 &&
    config.breakGlass.identityCenterRoleArnPatterns.length === 0
  ) {
    add(
      ['breakGlass'],
      'must list iamUserArns or identityCenterRoleArnPatterns: someone must be able to break glass',
    );
  }
}

type Add = (path: Path, message: string, input?: unknown) => void;

function checkDeployRoles(config: EnvironmentConfig, add: Add): void {
  const accounts: [Path, { accountId: string; deployRoleArn: string }][] = [
    [['accounts', 'management'], config.accounts.management],
    [['accounts', 'security'], config.accounts.security],
    ...config.accounts.workloads.map((w, i): [Path, typeof w] => [['accounts', 'workloads', i], w]),
  ];
  for (const [path, account] of accounts) {
    const roleAccount = arnAccount(account.deployRoleArn);
    if (roleAccount !== account.accountId) {
      add(
        [...path, 'deployRoleArn'],
        `must be a role in account ${account.accountId} (this account's accountId), not ${roleAccount ?? 'none'}`,
      );
    }
  }
}

function checkWorkloadAccounts(config: EnvironmentConfig, add: Add): void {
  const seenAccounts = new Map<string, number>();
  const seenNames = new Map<string, number>();
  config.accounts.workloads.forEach((workload, w) => {
    const path: Path = ['accounts', 'workloads', w];
    if (workload.accountId === config.accounts.management.accountId) {
      add(
        [...path, 'accountId'],
        'must not be the management account: SCPs do not apply to it, so its secrets would be unprotected',
        workload.accountId,
      );
    }
    const firstAccount = seenAccounts.get(workload.accountId);
    if (firstAccount !== undefined) {
      add(
        [...path, 'accountId'],
        `duplicates accounts.workloads[${firstAccount}].accountId: list each account once`,
        workload.accountId,
      );
    } else seenAccounts.set(workload.accountId, w);
    const firstName = seenNames.get(workload.name);
    if (firstName !== undefined) {
      add(
        [...path, 'name'],
        `duplicates accounts.workloads[${firstName}].name: names must be unique`,
        workload.name,
      );
    } else seenNames.set(workload.name, w);
  });
}

function checkDatabases(
  config: EnvironmentConfig,
  workload: EnvironmentConfig['accounts']['workloads'][number],
  path: Path,
  add: Add,
): void {
  if (workload.databases.length > 0 && workload.vpc === undefined) {
    add(
      [...path, 'vpc'],
      'is required: the rotation function needs private subnets in the VPC of the databases to reach them',
    );
  }
  const secretPaths = new Map<string, string>();
  const databaseNames = new Map<string, number>();
  workload.databases.forEach((database, d) => {
    const dbPath: Path = [...path, 'databases', d];
    const firstDb = databaseNames.get(database.name);
    if (firstDb !== undefined) {
      add([...dbPath, 'name'], `duplicates databases[${firstDb}].name in this account`, database.name);
    } else databaseNames.set(database.name, d);

    if (database.securityGroupId === undefined && database.cidrBlocks === undefined) {
      add(
        dbPath,
        'needs securityGroupId or cidrBlocks: the rotation function may only open connections to its database',
      );
    }
    if (database.ingressFromRotation && database.securityGroupId === undefined) {
      add(
        [...dbPath, 'ingressFromRotation'],
        'needs securityGroupId: the ingress rule is added to the database security group',
      );
    }
    const master = database.masterSecretArn;
    if (arnAccount(master) !== workload.accountId || arnRegion(master) !== config.region) {
      add(
        [...dbPath, 'masterSecretArn'],
        `must be a secret in account ${workload.accountId} and region ${config.region}: RDS keeps the master secret beside the database`,
      );
    }

    const maxLength = MAX_USERNAME_LENGTH[database.engine];
    const usernames = new Set(database.users.map((user) => user.username));
    database.users.forEach((user, u) => {
      const userPath: Path = [...dbPath, 'users', u, 'username'];
      const secret = `rds/${database.name}/${user.username}`;
      const first = secretPaths.get(secret);
      if (first !== undefined) {
        add(
          userPath,
          `duplicate secret name ${secret} in account ${workload.accountId} (first at ${first})`,
          user.username,
        );
      } else secretPaths.set(secret, formatPath(userPath));

      const login = user.strategy === 'alternating-users' ? user.username + CLONE_SUFFIX : user.username;
      if (login.length > maxLength) {
        add(
          userPath,
          `must be at most ${maxLength - (login.length - user.username.length)} characters for ${database.engine}` +
            (user.strategy === 'alternating-users' ? ` (the clone login adds "${CLONE_SUFFIX}")` : ''),
          user.username,
        );
      }
      if (user.strategy === 'alternating-users' && usernames.has(login)) {
        add(
          userPath,
          `clashes with user ${login}: alternating-users rotation creates that login itself`,
          user.username,
        );
      }
    });
  });
}

function checkRotation(config: EnvironmentConfig, add: Add): void {
  const parsed = parseSchedule(config.rotation.schedule);
  const windowHours = parseWindowHours(config.rotation.windowDuration);
  if (parsed.ok && windowHours !== undefined) {
    const problem = checkWindowFits(parsed.schedule, windowHours);
    if (problem !== undefined) add(['rotation', 'windowDuration'], problem, config.rotation.windowDuration);
  }
  const fn = config.rotationFunction;
  const needed = Math.ceil((LOGINS_PER_STEP * fn.connectTimeoutMs) / 1000) + STEP_MARGIN_SECONDS;
  if (fn.timeoutSeconds < needed) {
    add(
      ['rotationFunction', 'timeoutSeconds'],
      `must be at least ${needed}: a rotation step may try ${LOGINS_PER_STEP} logins of up to connectTimeoutMs (${fn.connectTimeoutMs} ms) each`,
      fn.timeoutSeconds,
    );
  }
}

function checkReplicaRegions(config: EnvironmentConfig, add: Add): void {
  const seen = new Set<string>();
  config.replicaRegions.forEach((region, r) => {
    if (region === config.region) {
      add(
        ['replicaRegions', r],
        'must differ from region: a secret cannot replicate to its own region',
        region,
      );
    } else if (seen.has(region)) add(['replicaRegions', r], 'is listed twice', region);
    seen.add(region);
  });
}
