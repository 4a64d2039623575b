import { GetSecretValueCommand, ResourceNotFoundException } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DEFAULTS, SECRET_STAGES } from './constants';
import { SecretFetchError } from './errors';
import type { SecretRefreshEvent } from './types/hooks';
import type { SecretStage } from './types/secret';

export interface SecretCacheProps {
  /** The Secrets Manager client used for GetSecretValue. */
  readonly client: SecretsManagerClient;
  /**
   * How long a fetched value is served without asking Secrets Manager again.
   * @default 300000 (5 minutes)
   */
  readonly ttlMs?: number;
  /**
   * Most (secret id, stage) entries kept; the least recently used one is dropped beyond it.
   * @default 100
   */
  readonly maxEntries?: number;
  /**
   * After a failed fetch (throttling, network), how long the stale value is served before trying again.
   * @default 1000
   */
  readonly errorHoldMs?: number;
  /**
   * Clock, for tests.
   * @default Date.now
   */
  readonly now?: () => number;
}

/** One version of a secret as fetched. `secretString` is non-enumerable so logging the object is safe. */
export interface CachedSecretValue {
  readonly secretId: string;
  readonly stage: SecretStage;
  readonly versionId: string;
  readonly secretString: string;
  /** When Secrets Manager returned it (cache clock, ms). */
  readonly fetchedAt: number;
}

export interface SecretCacheGetOptions {
  /**
   * Fetch again when the cached value is older than this; `0` forces a fetch (still single-flight).
   * @default - the cache TTL
   */
  readonly maxAgeMs?: number;
}

interface Entry {
  /** `undefined` when no version carries the stage (e.g. no rotation in progress for AWSPENDING). */
  readonly value: CachedSecretValue | undefined;
  readonly fetchedAt: number;
  /** Set after a failed refresh: serve `value` until then without calling again. */
  readonly holdUntil?: number;
}

type RefreshListener = (event: SecretRefreshEvent) => void;

/**
 * A TTL cache of Secrets Manager secret versions, keyed by (secret id, staging label).
 *
 * - Single-flight: concurrent callers that need a fetch share one GetSecretValue call.
 * - Bounded: at most `maxEntries` entries, least recently used dropped first.
 * - Stale-if-error: when a refresh fails and an older value exists, the older value is served
 *   (for `errorHoldMs`) instead of failing every connection while Secrets Manager throttles.
 *
 * @example
 * const cache = new SecretCache({ client: new SecretsManagerClient({}) });
 * const current = await cache.get('prod/app/db', 'AWSCURRENT');
 */
export class SecretCache {
  readonly ttlMs: number;
  readonly maxEntries: number;
  private readonly client: SecretsManagerClient;
  private readonly errorHoldMs: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Entry>>();
  private readonly listeners = new Set<RefreshListener>();

  constructor(props: SecretCacheProps) {
    this.client = props.client;
    this.ttlMs = props.ttlMs ?? DEFAULTS.cacheTtlMs;
    this.maxEntries = props.maxEntries ?? DEFAULTS.cacheMaxEntries;
    this.errorHoldMs = props.errorHoldMs ?? 1000;
    this.now = props.now ?? Date.now;
    if (!Number.isFinite(this.ttlMs) || this.ttlMs < 0)
      throw new RangeError('SecretCache ttlMs must be >= 0');
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) {
      throw new RangeError('SecretCache maxEntries must be an integer >= 1');
    }
  }

  /** Number of (secret id, stage) entries held. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The secret version carrying `stage`, from the cache when fresh enough, else from Secrets Manager.
   * Resolves `undefined` when no version carries the stage. Rejects with `SecretFetchError` when the
   * fetch fails and nothing is cached.
   */
  async get(
    secretId: string,
    stage: SecretStage = SECRET_STAGES.current,
    options: SecretCacheGetOptions = {},
  ): Promise<CachedSecretValue | undefined> {
    const key = `${stage}\u0000${secretId}`;
    const maxAgeMs = options.maxAgeMs ?? this.ttlMs;
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      const now = this.now();
      const fresh = now - entry.fetchedAt < maxAgeMs || maxAgeMs === Infinity;
      const held = entry.holdUntil !== undefined && now < entry.holdUntil;
      if (fresh || held) {
        this.touch(key, entry);
        return entry.value;
      }
    }
    const running = this.inFlight.get(key);
    if (running !== undefined) return (await running).value;

    const fetching = this.fetch(secretId, stage, entry).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, fetching);
    const fetched = await fetching;
    this.touch(key, fetched);
    return fetched.value;
  }

  /** Drops cached values so the next `get` fetches. Without `stage`, drops every stage of the secret. */
  invalidate(secretId: string, stage?: SecretStage): void {
    for (const key of [...this.entries.keys()]) {
      const [keyStage, keyId] = key.split('\u0000');
      if (keyId === secretId && (stage === undefined || keyStage === stage)) this.entries.delete(key);
    }
  }

  /** Calls `listener` after every GetSecretValue call. Returns a function that unsubscribes. */
  subscribe(listener: RefreshListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private touch(key: string, entry: Entry): void {
    // Map keeps insertion order: re-inserting marks the key most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  private async fetch(secretId: string, stage: SecretStage, previous: Entry | undefined): Promise<Entry> {
    const started = this.now();
    try {
      const output = await this.client.send(
        new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage }),
      );
      if (output.SecretString === undefined || output.VersionId === undefined) {
        // A version with the label but no value yet: AWS creates AWSPENDING empty before createSecret.
        this.emit({ secretId, stage, outcome: 'absent', durationMs: this.now() - started });
        return { value: undefined, fetchedAt: this.now() };
      }
      const value: CachedSecretValue = {
        secretId,
        stage,
        versionId: output.VersionId,
        secretString: '',
        fetchedAt: this.now(),
      };
      Object.defineProperty(value, 'secretString', { value: output.SecretString, enumerable: false });
      const outcome = previous?.value?.versionId === value.versionId ? 'unchanged' : 'changed';
      this.emit({ secretId, stage, outcome, durationMs: this.now() - started });
      return { value, fetchedAt: value.fetchedAt };
    } catch (error) {
      if (isNoSuchStage(error)) {
        this.emit({ secretId, stage, outcome: 'absent', durationMs: this.now() - started });
        return { value: undefined, fetchedAt: this.now() };
      }
      const errorName = error instanceof Error ? error.name : 'UnknownError';
      this.emit({ secretId, stage, outcome: 'failed', durationMs: this.now() - started, errorName });
      if (previous !== undefined) {
        return { ...previous, holdUntil: this.now() + this.errorHoldMs };
      }
      throw new SecretFetchError(secretId, stage, error);
    }
  }

  private emit(event: SecretRefreshEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // Metrics hooks must not break secret reads.
      }
    }
  }
}

function isNoSuchStage(error: unknown): boolean {
  return (
    error instanceof ResourceNotFoundException ||
    (error instanceof Error && error.name === 'ResourceNotFoundException')
  );
}
