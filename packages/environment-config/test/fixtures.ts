import type { EnvironmentConfigInput } from '../src';
import { exampleEnvironmentConfig } from '../src';

/** A small valid config; each test copies it and breaks one thing. */
export const validConfig = exampleEnvironmentConfig;

/** A deep copy that a test may mutate freely (the config holds only JSON values). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach into any field to break it on purpose
export function mutable(config: EnvironmentConfigInput = validConfig()): any {
  return JSON.parse(JSON.stringify(config));
}
