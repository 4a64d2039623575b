import { InvalidOptionError } from './errors';
import type { RotationClientOptions } from './types/options';

const NON_NEGATIVE_NUMBERS = [
  'cacheTtlMs',
  'retryBudgetMs',
  'backoffBaseMs',
  'backoffCapMs',
  'minRefreshIntervalMs',
  'transientRetryBudgetMs',
] as const;

/** Refuses options that cannot work, naming the option and the rule (never a value). */
export function validateRotationClientOptions(options: RotationClientOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionError('options', 'must be an object with at least secretId');
  }
  if (typeof options.secretId !== 'string' || options.secretId.trim().length === 0) {
    throw new InvalidOptionError('secretId', 'must be a non-empty secret name or ARN');
  }
  for (const name of NON_NEGATIVE_NUMBERS) {
    const value = options[name];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
      throw new InvalidOptionError(name, 'must be a finite number >= 0 (milliseconds)');
    }
  }
  if (options.client !== undefined && (options.region !== undefined || options.endpoint !== undefined)) {
    throw new InvalidOptionError(
      'client',
      'cannot be combined with region or endpoint: configure the client instead',
    );
  }
  if (options.cache !== undefined && options.cacheTtlMs !== undefined) {
    throw new InvalidOptionError(
      'cacheTtlMs',
      'cannot be combined with cache: the shared cache has its own TTL',
    );
  }
  if (options.ca !== undefined) {
    const list = typeof options.ca === 'string' ? [options.ca] : options.ca;
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      list.some((pem) => typeof pem !== 'string' || pem.length === 0)
    ) {
      throw new InvalidOptionError('ca', 'must be a PEM string or a non-empty array of PEM strings');
    }
  }
}

/**
 * Refuses driver options that the secret owns (who to log in as, where, with which TLS), so a pool
 * can never silently use a stale hard-coded credential.
 */
export function refuseSecretOwnedOptions(
  optionName: string,
  driverOptions: object | undefined,
  owned: readonly string[],
): void {
  if (driverOptions === undefined) return;
  for (const field of owned) {
    if (field in driverOptions) {
      throw new InvalidOptionError(
        `${optionName}.${field}`,
        'is set by the secret and cannot be passed to the pool (TLS CA: use the `ca` option)',
      );
    }
  }
}
