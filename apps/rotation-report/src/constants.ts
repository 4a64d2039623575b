/** Exit codes: the contract with pipelines that run the report. */
export const EXIT_CODES = {
  /** Every account answered and no finding matched `--fail-on`. */
  compliant: 0,
  /** At least one finding matched `--fail-on`. */
  findings: 1,
  /** The report could not complete: bad input, or an account or look-up that refused or failed. */
  incomplete: 2,
} as const;

/** Finding kinds `--fail-on` accepts, in report order. */
export const FAIL_ON_KINDS = ['overdue', 'failed', 'stuck', 'drift', 'unrotated'] as const;
export type FailOnKind = (typeof FAIL_ON_KINDS)[number];

export const FORMATS = ['table', 'markdown', 'csv', 'json', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** Staging labels the report reads from version metadata. */
export const STAGES = {
  current: 'AWSCURRENT',
  pending: 'AWSPENDING',
  previous: 'AWSPREVIOUS',
  /** Label the stack keeps on the version Terraform wrote (see packages/constructs, database-secret.ts). */
  terraformMetadata: 'TERRAFORM_METADATA',
} as const;

/** Statement ids of the resource policy the stack writes on every managed secret. */
export const EXPECTED_POLICY_SIDS = ['ReadOnlyByAllowedRoles', 'WriteOnlyByRotationAndDeploy'] as const;

/** Session tags of a break-glass session (packages/constructs, break-glass-policies.ts). */
export const BREAK_GLASS_TAGS = { reason: 'reason', ticket: 'ticket' } as const;

/**
 * Names of the break-glass roles the stack creates (packages/constructs, governance). The reader's
 * name is a constant there too (BREAK_GLASS_READER_ROLE_NAME); it is repeated here because that
 * package pulls in the whole provider at import. The central role is `resourceName(env, 'breakglass-central')`.
 */
export const BREAK_GLASS_ROLE_NAMES = {
  readerRoleName: 'BreakGlassSecretReader',
  centralRolePart: 'breakglass-central',
} as const;

/**
 * Secrets Manager retries a failed step through Lambda (two retries of an asynchronous
 * invocation) and then retries the whole rotation inside the window; a version that still
 * holds AWSPENDING after 3 attempts of 4 steps at the function's timeout, or after the rotation
 * window, whichever is longer, will not finish on its own.
 */
export const RETRY_ATTEMPTS_PER_STEP = 3;
export const ROTATION_STEP_COUNT = 4;

/** Defaults of the command line. */
export const DEFAULTS = {
  since: '7d',
  format: 'table',
  /** Account-and-region tasks in flight at once. */
  accountConcurrency: 8,
  /** Per-secret API calls in flight at once, across all accounts. */
  requestConcurrency: 16,
  /** The SDK's own retry budget per call (adaptive mode also rate-limits the client on throttling). */
  maxAttempts: 8,
  roleSessionName: 'rotation-report',
} as const;

/** The longest failure reason kept from a log line: a reason, not a dump. */
export const MAX_REASON_LENGTH = 240;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
