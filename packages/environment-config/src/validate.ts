/**
 * Validation of loaded configs: one line per problem, `<env>: <path>: <rule> (got <value>)`.
 * Configs hold no secrets, so a received primitive value is shown to make the fix obvious.
 */
import type { z } from 'zod';
import { EnvironmentConfigError } from './errors';
import { formatPath } from './format-path';
import { environmentStackNames, stackNameCollisions } from './layout';
import { ID_PATTERNS } from './patterns';
import type { EnvironmentConfig } from './schema';
import { environmentConfigSchema } from './schema';

/** A validated environment: its folder name and its config with defaults filled in. */
export interface Environment {
  /** The folder name under environments/, also the stack id and the name prefix. */
  readonly name: string;
  readonly config: EnvironmentConfig;
}

/** A config as loaded, before validation. */
export interface RawEnvironment {
  readonly name: string;
  readonly config: unknown;
}

export type ValidationResult =
  | { readonly ok: true; readonly environments: readonly Environment[] }
  | { readonly ok: false; readonly problems: readonly string[] };

const MAX_SHOWN_VALUE = 80;

/**
 * Validates every environment and collects every problem, so one run shows them all.
 *
 * @example
 * const result = validateEnvironments([{ name: 'dev', config: devConfig }]);
 * if (!result.ok) result.problems.forEach((line) => console.error(line));
 */
export function validateEnvironments(raw: readonly RawEnvironment[]): ValidationResult {
  const environments: Environment[] = [];
  const problems: string[] = [];
  for (const { name, config } of raw) {
    if (!ID_PATTERNS.environmentName.pattern.test(name)) {
      problems.push(`${name}: environment folder name must be ${ID_PATTERNS.environmentName.rule}`);
      continue;
    }
    const result = environmentConfigSchema.safeParse(config, { reportInput: true, error: defaultMessage });
    if (result.success) environments.push({ name, config: result.data });
    else problems.push(...result.error.issues.flatMap((issue) => formatIssue(name, issue)));
  }
  problems.push(
    ...stackNameCollisions(
      environments.map(({ name, config }) => ({ name, stackNames: environmentStackNames(name, config) })),
    ),
  );
  return problems.length === 0 ? { ok: true, environments } : { ok: false, problems };
}

/**
 * Validates one environment and returns it, or throws {@link EnvironmentConfigError}.
 *
 * @example const prod = parseEnvironment('prod', prodConfig);
 */
export function parseEnvironment(name: string, config: unknown): Environment {
  const result = validateEnvironments([{ name, config }]);
  if (!result.ok) throw new EnvironmentConfigError(result.problems);
  return result.environments[0] as Environment;
}

/** Messages for zod's built-in issues, in the same "must ..." voice as the schema's own. */
function defaultMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'is required'
        : `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`} (got ${describeType(issue.input)})`;
    case 'too_small':
      if (issue.origin === 'array') return `must list at least ${String(issue.minimum)}`;
      if (issue.origin === 'string') return `must be at least ${String(issue.minimum)} characters`;
      return undefined;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`;
      return undefined;
    default:
      return undefined;
  }
}

function formatIssue(environment: string, issue: z.core.$ZodIssue): string[] {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map(
      (key) =>
        `${environment}: ${formatPath([...issue.path, key])}: is not a known field (see docs/infra/config-reference.md)`,
    );
  }
  const shown = issue.code === 'invalid_type' ? undefined : showValue(issue.input);
  const where = path === '' ? '(config)' : path;
  return [`${environment}: ${where}: ${issue.message}${shown !== undefined ? ` (got ${shown})` : ''}`];
}

function showValue(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const text = value.length > MAX_SHOWN_VALUE ? `${value.slice(0, MAX_SHOWN_VALUE)}...` : value;
    return JSON.stringify(text);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value;
}
