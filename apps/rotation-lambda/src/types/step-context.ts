import type { ConnectOptions, Engine, EngineAdapter } from '@credential-rotation/engine-adapters';
import type { RotationConfig } from '../config';
import type { RotationEvent } from '../event';
import type { StepLog } from '../observability';
import type { Redactor } from '../redactor';
import type { SecretMetadata, SecretsStore } from '../secrets-store';

/** Everything one step invocation works with. */
export interface StepContext {
  readonly event: RotationEvent;
  readonly config: RotationConfig;
  readonly store: SecretsStore;
  /** DescribeSecret, read once before the step. */
  readonly metadata: SecretMetadata;
  readonly adapterFor: (engine: Engine) => EngineAdapter;
  /** Timeouts and CA for every database login. */
  readonly connectOptions: ConnectOptions;
  readonly log: StepLog;
  /** Every secret value read is registered here before use. */
  readonly redactor: Redactor;
}

/** What a step did, for the log's `action` field (e.g. `created`, `set-by-current`). */
export type StepAction = string;
