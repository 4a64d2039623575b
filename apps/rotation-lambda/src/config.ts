import { CONFIG_DEFAULTS, CONFIG_LIMITS } from './constants';
import { ConfigurationError } from './errors';

/** The function's settings. The only place that reads `process.env` in this package. */
export interface RotationConfig {
  /**
   * Length of generated passwords (`PASSWORD_LENGTH`).
   * @default 32
   */
  readonly passwordLength: number;
  /**
   * Characters never used in generated passwords (`EXCLUDE_CHARACTERS`).
   * @default - `DEFAULT_EXCLUDE_CHARACTERS`: characters that need escaping in connection strings or shells
   */
  readonly excludeCharacters: string;
  /**
   * Upper bound for connecting and authenticating to the database (`DB_CONNECT_TIMEOUT_MS`).
   * @default 5000
   */
  readonly dbConnectTimeoutMs: number;
  /**
   * Secrets Manager endpoint override (`SECRETS_MANAGER_ENDPOINT`), e.g. a local moto server.
   * @default - the SDK's regional endpoint
   */
  readonly secretsManagerEndpoint?: string;
  /**
   * Service name in logs and metrics (`POWERTOOLS_SERVICE_NAME`).
   * @default 'credential-rotation'
   */
  readonly serviceName: string;
  /**
   * CloudWatch namespace of the EMF metrics (`POWERTOOLS_METRICS_NAMESPACE`).
   * @default 'CredentialRotation'
   */
  readonly metricsNamespace: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads and checks the configuration. Empty variables count as unset.
 *
 * @example
 * const config = loadConfig({ PASSWORD_LENGTH: '40' });
 */
export function loadConfig(env: Environment = process.env): RotationConfig {
  const endpoint = text(env, 'SECRETS_MANAGER_ENDPOINT');
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint)) {
    throw new ConfigurationError('SECRETS_MANAGER_ENDPOINT', 'must be an http(s) URL');
  }
  return Object.freeze({
    passwordLength: integer(
      env,
      'PASSWORD_LENGTH',
      CONFIG_DEFAULTS.passwordLength,
      CONFIG_LIMITS.passwordLength,
    ),
    excludeCharacters: env.EXCLUDE_CHARACTERS ?? CONFIG_DEFAULTS.excludeCharacters,
    dbConnectTimeoutMs: integer(
      env,
      'DB_CONNECT_TIMEOUT_MS',
      CONFIG_DEFAULTS.dbConnectTimeoutMs,
      CONFIG_LIMITS.dbConnectTimeoutMs,
    ),
    ...(endpoint === undefined ? {} : { secretsManagerEndpoint: endpoint }),
    serviceName: text(env, 'POWERTOOLS_SERVICE_NAME') ?? CONFIG_DEFAULTS.serviceName,
    metricsNamespace: text(env, 'POWERTOOLS_METRICS_NAMESPACE') ?? CONFIG_DEFAULTS.metricsNamespace,
  });
}

function text(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(
  env: Environment,
  name: string,
  fallback: number,
  limits: { readonly min: number; readonly max: number },
): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < limits.min || value > limits.max) {
    throw new ConfigurationError(
      name,
      `must be an integer from ${limits.min} to ${limits.max} (received ${JSON.stringify(raw)})`,
    );
  }
  return value;
}
