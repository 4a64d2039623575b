/** The four steps Secrets Manager invokes, in order. */
export const ROTATION_STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;
export type RotationStep = (typeof ROTATION_STEPS)[number];

/** Staging labels Secrets Manager uses to track a rotation. */
export const VERSION_STAGES = {
  current: 'AWSCURRENT',
  pending: 'AWSPENDING',
  previous: 'AWSPREVIOUS',
} as const;

/**
 * How a secret is rotated, from the secret's `rotationStrategy` field.
 * - `single-user`: the user changes its own password (falls back to the master for the first password).
 * - `alternating-users`: the master sets the password of the other one of `user` / `user_clone`.
 */
export const ROTATION_STRATEGIES = ['single-user', 'alternating-users'] as const;
export type RotationStrategy = (typeof ROTATION_STRATEGIES)[number];

/**
 * Characters never put in a generated password: they need escaping in URLs/DSNs
 * (`/@:?#%&+=,;`), in shells and SQL quoting (quotes, backslash, backtick, `$`, `!`, `|`,
 * `<>()[]{}*~^`) or get trimmed (space).
 */
export const DEFAULT_EXCLUDE_CHARACTERS = '/@"\'\\:;?#%&+=,`$!|<>()[]{}*~^ ';

export const CONFIG_DEFAULTS = {
  passwordLength: 32,
  excludeCharacters: DEFAULT_EXCLUDE_CHARACTERS,
  dbConnectTimeoutMs: 5000,
  serviceName: 'credential-rotation',
  metricsNamespace: 'CredentialRotation',
} as const;

/** Bounds accepted for the configuration values. */
export const CONFIG_LIMITS = {
  /** 1-4096 as GetRandomPassword allows (same rules in password.ts); below 16 is too weak for a database password. */
  passwordLength: { min: 16, max: 4096 },
  /** Below 100 ms a TLS handshake cannot finish; above 60 s one step could outlive the Lambda. */
  dbConnectTimeoutMs: { min: 100, max: 60_000 },
} as const;

/** CloudWatch EMF metric names, one data point per step invocation. */
export const METRIC_NAMES = {
  stepSucceeded: 'RotationStepSucceeded',
  stepFailed: 'RotationStepFailed',
  stepDuration: 'RotationStepDuration',
} as const;

/** Secrets Manager error names the handler reacts to (the SDK's `error.name`). */
export const SDK_ERRORS = {
  resourceNotFound: 'ResourceNotFoundException',
  resourceExists: 'ResourceExistsException',
} as const;
