import { DEFAULTS, SECRET_STAGES } from './constants';
import { EngineMismatchError, SecretFetchError } from './errors';
import type { SecretCache, CachedSecretValue } from './secret-cache';
import { engineFamily, parseDatabaseSecret } from './secret-parser';
import type { EngineFamily, ResolvedCredentials } from './types/secret';

export interface CredentialProviderProps {
  readonly secretId: string;
  /** The driver family of the pool; a secret for another family is refused. */
  readonly family: EngineFamily;
  readonly cache: SecretCache;
  /**
   * See `RotationClientOptions.minRefreshIntervalMs`.
   * @default 1000
   */
  readonly minRefreshIntervalMs?: number;
  /**
   * See `RotationClientOptions.usePendingStage`.
   * @default true
   */
  readonly usePendingStage?: boolean;
  /** @default Date.now */
  readonly now?: () => number;
}

interface PendingOverride extends ResolvedCredentials {
  readonly since: number;
}

/**
 * Decides which secret version new connections log in with.
 *
 * Normally AWSCURRENT (cached). After a refusal, `recover` re-reads AWSCURRENT; when AWSCURRENT is
 * unchanged (single-user rotation between setSecret and finishSecret, where the database already has
 * the AWSPENDING password) it reads AWSPENDING and, when that is a different version, uses it until
 * AWSCURRENT catches up or the cache TTL passes. Recoveries for the same failed version are single-flight.
 */
export class CredentialProvider {
  readonly secretId: string;
  private readonly family: EngineFamily;
  private readonly cache: SecretCache;
  private readonly minRefreshIntervalMs: number;
  private readonly usePendingStage: boolean;
  private readonly now: () => number;
  private override: PendingOverride | undefined;
  private readonly recoveries = new Map<string, Promise<void>>();

  constructor(props: CredentialProviderProps) {
    this.secretId = props.secretId;
    this.family = props.family;
    this.cache = props.cache;
    this.minRefreshIntervalMs = props.minRefreshIntervalMs ?? DEFAULTS.minRefreshIntervalMs;
    this.usePendingStage = props.usePendingStage ?? true;
    this.now = props.now ?? Date.now;
  }

  /** Credentials for the next new connection. */
  async resolve(): Promise<ResolvedCredentials> {
    const current = await this.cache.get(this.secretId, SECRET_STAGES.current);
    if (current === undefined) {
      throw new SecretFetchError(
        this.secretId,
        SECRET_STAGES.current,
        new Error('No version carries AWSCURRENT'),
      );
    }
    const override = this.override;
    if (
      override !== undefined &&
      override.versionId !== current.versionId &&
      this.now() - override.since < this.cache.ttlMs
    ) {
      return override;
    }
    this.override = undefined;
    return this.toCredentials(current);
  }

  /**
   * Called after `failed` was refused by the database: refreshes what is needed so the next
   * `resolve` returns the credentials most likely to work.
   */
  recover(failed: ResolvedCredentials): Promise<void> {
    const running = this.recoveries.get(failed.versionId);
    if (running !== undefined) return running;
    const recovery = this.refreshAfter(failed).finally(() => this.recoveries.delete(failed.versionId));
    this.recoveries.set(failed.versionId, recovery);
    return recovery;
  }

  private async refreshAfter(failed: ResolvedCredentials): Promise<void> {
    const refresh = { maxAgeMs: this.minRefreshIntervalMs };
    const current = await this.cache.get(this.secretId, SECRET_STAGES.current, refresh);
    if (this.override?.versionId === failed.versionId) this.override = undefined;
    if (current !== undefined && current.versionId !== failed.versionId) return;
    if (!this.usePendingStage) return;
    const pending = await this.cache.get(this.secretId, SECRET_STAGES.pending, refresh);
    if (pending !== undefined && pending.versionId !== failed.versionId) {
      this.override = { ...this.toCredentials(pending), since: this.now() };
    }
  }

  private toCredentials(value: CachedSecretValue): ResolvedCredentials {
    const secret = parseDatabaseSecret(this.secretId, value.secretString);
    if (engineFamily(secret.engine) !== this.family) {
      throw new EngineMismatchError(this.secretId, this.family, secret.engine);
    }
    return { secret, versionId: value.versionId, stage: value.stage };
  }
}
