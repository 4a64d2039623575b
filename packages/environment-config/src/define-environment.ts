import type { EnvironmentConfigInput } from './schema';

/**
 * Declares an environment's config with full type checking in the editor. Validation of the
 * values happens when the infra app loads every environment, so all problems of all
 * environments are reported together.
 *
 * @example
 * export default defineEnvironment({ region: 'eu-west-1', ... });
 */
export function defineEnvironment(config: EnvironmentConfigInput): EnvironmentConfigInput {
  return config;
}
