/**
 * Config rules that keep the governance policies meaningful. The field schemas already check
 * the shape of each id; these rules check what a well-formed value can still get wrong: a
 * break-glass principal outside the security account, a deploy role that the read allow-list
 * would exempt, an allow-list path that would exempt every role.
 *
 * Hook: `environmentShape.superRefine((config, ctx) => { crossCheck(config, ctx); governanceCrossCheck(config, ctx); })`.
 */
import { z } from 'zod';
import { ROLE_PATHS } from './constants';
import { arnAccount } from './patterns';

/** AWS's FullAWSAccess SCP stays attached to every target unless it is replaced. */
export const FULL_AWS_ACCESS_SCP_COUNT = 1;
/** AWS Organizations quota: service control policies attached to one root, OU or account. */
export const MAX_SCPS_PER_TARGET = 5;
/** AWS Organizations quota: characters in one SCP or RCP document, whitespace included. */
export const MAX_ORGANIZATION_POLICY_CHARACTERS = 5120;

/** IAM path segment characters; `*` and `?` are left out on purpose: they are wildcards in ARN conditions. */
const PATH_SEGMENT = '[A-Za-z0-9+=,.@_-]+';
const ALLOW_LIST_PATH = new RegExp(`^/(?:${PATH_SEGMENT}/)+$`);

/**
 * An IAM role path that an allow-list may exempt from the secret-read guardrail, like `/workload/`.
 * Refuses `/`, anything with a wildcard, and paths that do not start and end with `/`: each would
 * widen the exemption past the roles the deploy role controls.
 *
 * @example allowListPathSchema.parse('/workload/') // '/workload/'
 */
export const allowListPathSchema = z
  .string()
  .refine((path) => !/[*?]/.test(path), {
    message:
      'must not contain * or ?: a wildcard path would exempt every role from the secret-read guardrail',
  })
  .refine((path) => path !== '/', {
    message: 'must not be "/": the root path would exempt every role from the secret-read guardrail',
  })
  .refine((path) => path === '/' || /[*?]/.test(path) || ALLOW_LIST_PATH.test(path), {
    message: 'must be an IAM path like /workload/ (starts and ends with /, letters, digits and +=,.@_-)',
  });

/** Issues found by {@link governanceIssues}: where to fix, what rule, and the received value. */
export interface GovernanceIssue {
  readonly path: (string | number)[];
  readonly message: string;
  readonly input?: string;
}

/** The fields the governance rules read; the full config type satisfies it structurally. */
export interface GovernanceConfigView {
  readonly accounts: {
    readonly management: { readonly accountId: string; readonly deployRoleArn: string };
    readonly security: { readonly accountId: string; readonly deployRoleArn: string };
    readonly workloads: readonly { readonly accountId: string; readonly deployRoleArn: string }[];
  };
  readonly organization: { readonly targetOuIds: readonly string[] };
  readonly breakGlass: {
    readonly iamUserArns: readonly string[];
    readonly identityCenterRoleArnPatterns: readonly string[];
  };
  readonly audit?: { readonly auditorPrincipalArns: readonly string[] };
}

/**
 * Every governance rule the config breaks, in the order a person would read the config.
 *
 * @example governanceIssues(config).forEach((issue) => console.error(issue.message));
 */
export function governanceIssues(config: GovernanceConfigView): GovernanceIssue[] {
  return [
    ...duplicateOuIds(config),
    ...breakGlassPrincipalAccounts(config),
    ...auditorAccounts(config),
    ...deployRolesOutsideProtectedPaths(config),
  ];
}

/**
 * The governance rules as a zod `superRefine` step.
 *
 * @example environmentShape.superRefine((config, ctx) => governanceCrossCheck(config, ctx));
 */
export function governanceCrossCheck(config: GovernanceConfigView, ctx: z.RefinementCtx): void {
  for (const issue of governanceIssues(config)) {
    ctx.addIssue({
      code: 'custom',
      path: issue.path,
      message: issue.message,
      ...(issue.input !== undefined ? { input: issue.input } : {}),
    });
  }
}

/**
 * Refuses an allow-list of role paths that would exempt every role; returns the list unchanged.
 * Used by the SCP builder so a bad path fails synth, not just config loading.
 *
 * @example assertAllowListPaths(['/workload/', '/secrets-rotation/'], 'readerRolePaths')
 */
export function assertAllowListPaths(paths: readonly string[], field: string): readonly string[] {
  paths.forEach((path, index) => {
    const result = allowListPathSchema.safeParse(path);
    if (!result.success) {
      const message = result.error.issues[0]?.message ?? 'is not a valid IAM path';
      throw new GovernanceConfigError(`${field}[${index}]: ${message} (got ${JSON.stringify(path)})`);
    }
  });
  return paths;
}

/**
 * Checks the SCP quotas: each document at most 5,120 characters, and at most five SCPs per
 * target counting AWS's FullAWSAccess.
 *
 * @example assertScpBudget([{ name: 'dev-secrets-read-guard', document: json }], 0)
 */
export function assertScpBudget(
  policies: readonly { readonly name: string; readonly document: string }[],
  otherScpsPerTarget = 0,
): void {
  for (const { name, document } of policies) {
    if (document.length > MAX_ORGANIZATION_POLICY_CHARACTERS) {
      throw new GovernanceConfigError(
        `SCP ${name} is ${document.length} characters; AWS accepts at most ${MAX_ORGANIZATION_POLICY_CHARACTERS}: shorten its allow-lists`,
      );
    }
  }
  const perTarget = policies.length + FULL_AWS_ACCESS_SCP_COUNT + otherScpsPerTarget;
  if (perTarget > MAX_SCPS_PER_TARGET) {
    throw new GovernanceConfigError(
      `each target OU would carry ${perTarget} SCPs (${policies.length} from this stack, FullAWSAccess, ${otherScpsPerTarget} others); AWS allows ${MAX_SCPS_PER_TARGET}`,
    );
  }
}

/** A governance input that would make the policies protect less than they promise. */
export class GovernanceConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GovernanceConfigError';
  }
}

function duplicateOuIds(config: GovernanceConfigView): GovernanceIssue[] {
  const seen = new Map<string, number>();
  const issues: GovernanceIssue[] = [];
  config.organization.targetOuIds.forEach((ouId, index) => {
    const first = seen.get(ouId);
    if (first !== undefined) {
      issues.push({
        path: ['organization', 'targetOuIds', index],
        message: `duplicates organization.targetOuIds[${first}]: attach each OU once`,
        input: ouId,
      });
    } else seen.set(ouId, index);
  });
  return issues;
}

/** Break-glass identities live in the security account, where the central role and its alerts are. */
function breakGlassPrincipalAccounts(config: GovernanceConfigView): GovernanceIssue[] {
  const security = config.accounts.security.accountId;
  const issues: GovernanceIssue[] = [];
  const check = (field: 'iamUserArns' | 'identityCenterRoleArnPatterns', arn: string, index: number) => {
    const account = arnAccount(arn);
    if (account !== security) {
      issues.push({
        path: ['breakGlass', field, index],
        message: `must be in the security account ${security}: the central break-glass role trusts principals of its own account only`,
        input: arn,
      });
    }
  };
  config.breakGlass.iamUserArns.forEach((arn, index) => check('iamUserArns', arn, index));
  config.breakGlass.identityCenterRoleArnPatterns.forEach((arn, index) =>
    check('identityCenterRoleArnPatterns', arn, index),
  );
  return issues;
}

/** Auditors live in the security account too: the audit roles trust that account only. */
function auditorAccounts(config: GovernanceConfigView): GovernanceIssue[] {
  const security = config.accounts.security.accountId;
  return (config.audit?.auditorPrincipalArns ?? []).flatMap((arn, index) =>
    arnAccount(arn) === security
      ? []
      : [
          {
            path: ['audit', 'auditorPrincipalArns', index],
            message: `must be in the security account ${security}: the audit roles trust principals of that account only`,
            input: arn,
          },
        ],
  );
}

/**
 * A deploy role under an allow-listed path would be exempt from the read guardrail, and the
 * guardrail's own exemption for the deploy role would then cover every role it creates there.
 */
function deployRolesOutsideProtectedPaths(config: GovernanceConfigView): GovernanceIssue[] {
  const protectedPaths = Object.values(ROLE_PATHS);
  const accounts: [(string | number)[], string][] = [
    [['accounts', 'management', 'deployRoleArn'], config.accounts.management.deployRoleArn],
    [['accounts', 'security', 'deployRoleArn'], config.accounts.security.deployRoleArn],
    ...config.accounts.workloads.map((w, i): [(string | number)[], string] => [
      ['accounts', 'workloads', i, 'deployRoleArn'],
      w.deployRoleArn,
    ]),
  ];
  const issues: GovernanceIssue[] = [];
  for (const [path, arn] of accounts) {
    const rolePath = arn.slice(arn.indexOf(':role') + ':role'.length);
    const under = protectedPaths.find((protectedPath) => rolePath.startsWith(protectedPath));
    if (under !== undefined) {
      issues.push({
        path,
        message: `must not be under ${under}: roles there may read secret values, and the deploy role must not`,
        input: arn,
      });
    }
  }
  return issues;
}
