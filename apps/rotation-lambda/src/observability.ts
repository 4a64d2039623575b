import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { RotationConfig } from './config';
import { METRIC_NAMES } from './constants';
import type { RotationStep } from './constants';
import type { Redactor } from './redactor';

/** Values a log line may carry besides the message: primitives only, so no object can smuggle a secret. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** The log of one step invocation. Every message and string field is scrubbed by the invocation's redactor. */
export interface StepLog {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Adds fields (e.g. `engine` once the secret is read) to every later line of this invocation. */
  annotate(fields: LogFields): void;
}

/** Powertools JSON logger for the function. */
export function createLogger(config: RotationConfig): Logger {
  return new Logger({ serviceName: config.serviceName });
}

/**
 * Binds the logger to one invocation. Keys travel with each call rather than through
 * `appendKeys`, so concurrent invocations in one process cannot mix their fields.
 */
export function createStepLog(logger: Logger, redactor: Redactor, initial: LogFields): StepLog {
  let bound: LogFields = initial;
  const emit = (level: 'info' | 'warn' | 'error', message: string, fields: LogFields = {}): void => {
    const scrubbed: Record<string, string | number | boolean> = {};
    for (const [key, value] of Object.entries({ ...bound, ...fields })) {
      if (value !== undefined) scrubbed[key] = typeof value === 'string' ? redactor.scrub(value) : value;
    }
    logger[level](redactor.scrub(message), scrubbed);
  };
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    annotate: (fields) => {
      bound = { ...bound, ...fields };
    },
  };
}

/**
 * Emits one EMF document per step invocation: succeeded and failed counts (one of them 0,
 * so alarms see a data point either way) and the duration, with dimension `step`.
 */
export function publishStepMetrics(
  config: RotationConfig,
  step: RotationStep | 'unknown',
  succeeded: boolean,
  durationMs: number,
): void {
  const metrics = new Metrics({ namespace: config.metricsNamespace, serviceName: config.serviceName });
  metrics.addDimension('step', step);
  metrics.addMetric(METRIC_NAMES.stepSucceeded, MetricUnit.Count, succeeded ? 1 : 0);
  metrics.addMetric(METRIC_NAMES.stepFailed, MetricUnit.Count, succeeded ? 0 : 1);
  metrics.addMetric(METRIC_NAMES.stepDuration, MetricUnit.Milliseconds, durationMs);
  metrics.publishStoredMetrics();
}
