import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { ConnectOptions, Engine, EngineAdapter } from '@credential-rotation/engine-adapters';
import { loadConfig } from './config';
import type { RotationConfig } from './config';
import { ROTATION_STEPS } from './constants';
import type { RotationStep } from './constants';
import { RotationError, describeCause } from './errors';
import { parseRotationEvent } from './event';
import { createLogger, createStepLog, publishStepMetrics } from './observability';
import { Redactor } from './redactor';
import { checkRotationState } from './rotation-state';
import { SecretsStore } from './secrets-store';
import { createSecret, finishSecret, setSecret, testSecret } from './steps';
import type { StepAction, StepContext } from './types/step-context';

/** A rotation function: resolves when the step is done, rejects with a password-free error. */
export type RotationHandler = (event: unknown, context?: InvocationContext) => Promise<void>;

/** The part of the Lambda context that is logged: the request id, to correlate with Lambda's own lines. */
export interface InvocationContext {
  readonly awsRequestId?: string;
}

export interface RotationHandlerProps {
  /** Engine adapters, one per engine family (`adapterFor` from `@credential-rotation/engine-adapters`). */
  readonly adapterFor: (engine: Engine) => EngineAdapter;
  /**
   * The function's settings.
   * @default - `loadConfig()` from the environment variables
   */
  readonly config?: RotationConfig;
  /**
   * Secrets Manager client.
   * @default - a client for the Lambda's region, at `config.secretsManagerEndpoint` when set
   */
  readonly secretsManager?: SecretsManagerClient;
  /**
   * Extra database connection options, e.g. the CA of a local test server. The connect and
   * statement timeouts always come from `config.dbConnectTimeoutMs`.
   * @default - none: the adapters' defaults (the Amazon RDS CA bundle)
   */
  readonly connectOptions?: Omit<ConnectOptions, 'connectTimeoutMs' | 'statementTimeoutMs'>;
  /**
   * Powertools logger.
   * @default - a JSON logger named `config.serviceName`
   */
  readonly logger?: Logger;
}

/** Thrown by the handler: says which step failed and why, holds the original error as `cause`. */
export class RotationStepError extends RotationError {
  constructor(
    readonly step: string,
    message: string,
    cause: unknown,
  ) {
    super(message, { cause });
    this.name = 'RotationStepError';
  }
}

const STEPS: Record<RotationStep, (ctx: StepContext) => Promise<StepAction>> = {
  createSecret,
  setSecret,
  testSecret,
  finishSecret,
};

/**
 * Builds the Secrets Manager rotation function. Every invocation logs one outcome line
 * (secret ARN, step, token, engine, outcome, durationMs) and one EMF metrics document.
 *
 * @example
 * export const handler = createRotationHandler({ adapterFor });
 */
export function createRotationHandler(props: RotationHandlerProps): RotationHandler {
  const config = props.config ?? loadConfig();
  const secretsManager =
    props.secretsManager ??
    new SecretsManagerClient(
      config.secretsManagerEndpoint === undefined ? {} : { endpoint: config.secretsManagerEndpoint },
    );
  const logger = props.logger ?? createLogger(config);
  const connectOptions: ConnectOptions = {
    ...props.connectOptions,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    statementTimeoutMs: config.dbConnectTimeoutMs,
  };

  return async function rotationHandler(input: unknown, context?: InvocationContext): Promise<void> {
    const started = performance.now();
    const redactor = new Redactor();
    const step = stepOf(input);
    const log = createStepLog(logger, redactor, {
      step,
      token: tokenOf(input),
      requestId: context?.awsRequestId,
    });
    // The RotationToken is a credential of sorts: registered so it can never be logged.
    redactor.add(rotationTokenOf(input));
    try {
      const event = parseRotationEvent(input);
      const store = new SecretsStore(secretsManager, event.SecretId, event.RotationToken);
      log.annotate({ secretArn: event.SecretId });
      const metadata = await store.describe();
      log.annotate({ secretArn: metadata.arn });
      let action: StepAction = 'already-current';
      if (checkRotationState(metadata, event.ClientRequestToken) === 'pending') {
        const ctx: StepContext = {
          event,
          config,
          store,
          metadata,
          adapterFor: props.adapterFor,
          connectOptions,
          log,
          redactor,
        };
        action = await STEPS[event.Step](ctx);
      }
      const durationMs = Math.round(performance.now() - started);
      log.info(`${event.Step} succeeded`, { outcome: 'succeeded', action, durationMs });
      publishStepMetrics(config, event.Step, true, durationMs);
    } catch (error) {
      const durationMs = Math.round(performance.now() - started);
      const reason = redactor.scrub(describeCause(error));
      log.error(`${step} failed`, { outcome: 'failed', durationMs, error: reason });
      publishStepMetrics(config, step, false, durationMs);
      // A fresh error: its message and stack are scrubbed, unlike the original's.
      throw new RotationStepError(step, `${step} failed: ${reason}`, error);
    }
  };
}

function field(input: unknown, name: string): unknown {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[name] : undefined;
}

function stepOf(input: unknown): RotationStep | 'unknown' {
  const step = field(input, 'Step');
  return ROTATION_STEPS.find((known) => known === step) ?? 'unknown';
}

/** The version id, only when it looks like one (a malformed event field is never logged). */
function tokenOf(input: unknown): string | undefined {
  const token = field(input, 'ClientRequestToken');
  return typeof token === 'string' && /^[\w-]{32,64}$/.test(token) ? token : undefined;
}

function rotationTokenOf(input: unknown): string | undefined {
  const token = field(input, 'RotationToken');
  return typeof token === 'string' ? token : undefined;
}
