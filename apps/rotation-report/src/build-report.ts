import type { Environment } from '@credential-rotation/environment-config';
import {
  breakGlassRoleArn,
  parseWindowHours,
  partitionOf,
  resourceName,
  secretNamePrefix,
} from '@credential-rotation/environment-config';
import { analyzeRegion } from './analyze-secrets';
import type { RegionObservation } from './analyze-secrets';
import { openAccount } from './aws-clients';
import type { AccountClients, AwsAccessOptions } from './aws-clients';
import { breakGlassSessions, globalEventsRegion, uniqueSessions } from './collect-break-glass';
import { failuresFromCloudTrail, failuresFromLogs } from './collect-failures';
import { resolveKeyAlias } from './collect-key';
import { collectSecrets } from './collect-secrets';
import { assessCompliance } from './compliance';
import { createLimiter, mapLimit } from './concurrency';
import { BREAK_GLASS_ROLE_NAMES, HOUR_MS, RETRY_ATTEMPTS_PER_STEP, ROTATION_STEP_COUNT } from './constants';
import { AwsAccessError, describeAwsError, isAccessDenied } from './errors';
import { expectedSecrets, rotationLogGroupName } from './expected-secrets';
import { findingsOf } from './findings';
import type { Progress } from './progress';
import type { AccountSummary, BreakGlassSession, Finding, Report, SecretRow } from './types';

export interface BuildReportOptions {
  readonly environment: Environment;
  /** Start of the look-back for failures and break-glass activity. */
  readonly since: Date;
  /** The instant rotation ages are judged against. */
  readonly asOf: Date;
  readonly access: AwsAccessOptions;
  /** The role to assume in an account; undefined uses the base credentials there. */
  readonly roleFor: (accountId: string) => string | undefined;
  readonly accountConcurrency: number;
  readonly requestConcurrency: number;
  /** @default - the longer of the rotation window and 3 attempts of 4 steps at the function's timeout */
  readonly stuckAfterMs?: number;
  /** @default - no progress output */
  readonly progress?: (total: number) => Progress;
}

interface Task {
  readonly accountId: string;
  readonly label: string;
  run(clients: AccountClients): Promise<void>;
}

/**
 * Collects every workload account (every region) and the security account, with bounded
 * concurrency, and assembles the report. An account that refuses the role or a call is recorded
 * with the error's name and the rest still completes; the report is then marked incomplete.
 */
export async function buildReport(options: BuildReportOptions): Promise<Report> {
  const { environment } = options;
  const { name: env, config } = environment;
  const partition = partitionOf(config.region);
  const regions = [config.region, ...config.replicaRegions];
  const trailRegions = [...new Set([config.region, globalEventsRegion(partition)])];
  const expected = expectedSecrets(environment);
  const stuckAfterMs = options.stuckAfterMs ?? defaultStuckAfterMs(environment);
  const limit = createLimiter(options.requestConcurrency);

  const problems = new Map<string, string[]>();
  const refused = new Set<string>();
  const note = (accountId: string, error: unknown): void => {
    if (isAccessDenied(error)) refused.add(accountId);
    problems.set(accountId, [...(problems.get(accountId) ?? []), describeAwsError(error)]);
  };

  const rows: SecretRow[] = [];
  const sessions: BreakGlassSession[] = [];
  const tasks: Task[] = [];
  for (const workload of config.accounts.workloads) {
    const { accountId } = workload;
    for (const region of regions) {
      tasks.push({
        accountId,
        label: `${workload.name} ${region}`,
        run: async (clients) => {
          const primary = region === config.region;
          const [secrets, keyId] = await Promise.all([
            collectSecrets(clients.secretsManager(region), secretNamePrefix(env), limit),
            resolveKeyAlias(clients.kms(region), `alias/${resourceName(env, 'rds-secrets')}`),
          ]);
          const failures = primary
            ? await settle(accountId, note, async () => [
                ...(await failuresFromLogs(
                  clients.logs(region),
                  rotationLogGroupName(env, workload.name),
                  options.since,
                )),
                ...(await failuresFromCloudTrail(clients.cloudTrail(region), options.since)),
              ])
            : [];
          // A policy the role may not read is a check not done: the report says so and is incomplete.
          const unreadable = secrets.find(
            (secret) =>
              secret.policyError !== undefined && secret.policyError !== 'ResourceNotFoundException',
          );
          if (unreadable?.policyError !== undefined) {
            note(accountId, new AwsAccessError(`GetResourcePolicy in ${region}`, unreadable.policyError));
          }
          const observation: RegionObservation = {
            accountId,
            accountName: workload.name,
            region,
            secrets,
            keyId,
            failures: failures ?? [],
          };
          const wanted = expected.filter(
            (secret) => secret.accountId === accountId && secret.region === region,
          );
          rows.push(...analyzeRegion(wanted, observation, { asOf: options.asOf, stuckAfterMs }));
          if (primary) {
            const readerArn = breakGlassRoleArn(partition, accountId, BREAK_GLASS_ROLE_NAMES.readerRoleName);
            const found = await settle(accountId, note, async () =>
              (
                await Promise.all(
                  trailRegions.map((trailRegion) =>
                    breakGlassSessions(
                      clients.cloudTrail(trailRegion),
                      accountId,
                      readerArn,
                      'reader',
                      options.since,
                      clients.cloudTrail(region),
                    ),
                  ),
                )
              ).flat(),
            );
            sessions.push(...(found ?? []));
          }
        },
      });
    }
  }
  const security = config.accounts.security.accountId;
  tasks.push({
    accountId: security,
    label: 'security',
    run: async (clients) => {
      const centralArn = breakGlassRoleArn(
        partition,
        security,
        resourceName(env, BREAK_GLASS_ROLE_NAMES.centralRolePart),
      );
      for (const trailRegion of trailRegions) {
        sessions.push(
          ...(await breakGlassSessions(
            clients.cloudTrail(trailRegion),
            security,
            centralArn,
            'central',
            options.since,
            undefined,
          )),
        );
      }
    },
  });

  const progress = options.progress?.(tasks.length);
  const opened = new Map<string, Promise<AccountClients>>();
  const open = (accountId: string): Promise<AccountClients> => {
    let clients = opened.get(accountId);
    if (clients === undefined) {
      clients = openAccount(accountId, options.roleFor(accountId), config.region, options.access);
      opened.set(accountId, clients);
    }
    return clients;
  };
  await mapLimit(tasks, options.accountConcurrency, async (task) => {
    try {
      await task.run(await open(task.accountId));
    } catch (error) {
      note(task.accountId, error);
    } finally {
      progress?.tick(task.label);
    }
  });
  progress?.done();
  for (const clients of await Promise.allSettled(opened.values())) {
    if (clients.status === 'fulfilled') clients.value.close();
  }

  rows.sort((a, b) =>
    `${a.accountId} ${a.region} ${a.name}`.localeCompare(`${b.accountId} ${b.region} ${b.name}`),
  );
  const accountFindings: Finding[] = [...problems.entries()].map(([accountId, lines]) => ({
    kind: 'access',
    accountId,
    region: config.region,
    detail: [...new Set(lines)].join('; '),
  }));
  const findings = [...accountFindings, ...findingsOf(rows)];
  const accounts: AccountSummary[] = [
    ...config.accounts.workloads.map((workload) => ({
      accountId: workload.accountId,
      name: workload.name,
      role: 'workload' as const,
    })),
    { accountId: security, name: 'security', role: 'security' as const },
  ].map((account) => {
    const accountProblems = [...new Set(problems.get(account.accountId) ?? [])];
    return {
      ...account,
      status: refused.has(account.accountId) ? 'refused' : accountProblems.length > 0 ? 'error' : 'ok',
      problems: accountProblems,
      secrets: rows.filter((row) => row.accountId === account.accountId && row.exists).length,
      findings: findings.filter((finding) => finding.accountId === account.accountId).length,
    };
  });
  const breakGlass = uniqueSessions(sessions);
  return {
    environment: env,
    generatedAt: new Date().toISOString(),
    asOf: options.asOf.toISOString(),
    since: options.since.toISOString(),
    complete: problems.size === 0,
    accounts,
    secrets: rows,
    findings,
    breakGlass,
    compliance: assessCompliance({
      schedule: config.rotation.schedule,
      passwordPolicy: config.passwordPolicy,
      secrets: rows,
      breakGlass,
      accounts,
    }),
  };
}

/**
 * A rotation is stuck once it can no longer finish on its own: after its window, or after every
 * Lambda attempt of every step at the function's timeout, whichever is later.
 */
export function defaultStuckAfterMs(environment: Environment): number {
  const { rotation, rotationFunction } = environment.config;
  const windowMs = (parseWindowHours(rotation.windowDuration) ?? 24) * HOUR_MS;
  const attemptsMs = rotationFunction.timeoutSeconds * 1000 * RETRY_ATTEMPTS_PER_STEP * ROTATION_STEP_COUNT;
  return Math.max(windowMs, attemptsMs);
}

/** Runs a look-up whose failure should not drop the secrets already collected: it is recorded instead. */
async function settle<T>(
  accountId: string,
  note: (accountId: string, error: unknown) => void,
  work: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    note(accountId, error);
    return undefined;
  }
}
