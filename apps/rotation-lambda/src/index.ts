export { loadConfig } from './config';
export type { RotationConfig } from './config';
export {
  CONFIG_DEFAULTS,
  DEFAULT_EXCLUDE_CHARACTERS,
  METRIC_NAMES,
  ROTATION_STEPS,
  ROTATION_STRATEGIES,
  VERSION_STAGES,
} from './constants';
export type { RotationStep, RotationStrategy } from './constants';
export * from './errors';
export { parseRotationEvent } from './event';
export type { RotationEvent } from './event';
export { RotationDriver, RotationDriverError, RotationInProgressError } from './local/rotation-driver';
export type { RotateOptions, RotationDriverProps, RotationResult } from './local/rotation-driver';
export { REDACTED, Redactor } from './redactor';
export { RotationStepError, createRotationHandler } from './rotation-handler';
export type { InvocationContext, RotationHandler, RotationHandlerProps } from './rotation-handler';
export { parseMasterSecret, parseSecret } from './secret';
export type { DatabaseSecret, MasterSecret } from './secret';
