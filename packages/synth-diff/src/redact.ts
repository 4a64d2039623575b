import { SECRET_ATTRIBUTE_PATTERN, SECRET_VALUE_PATTERNS } from './constants';
import type { JsonObject, JsonValue } from './types';

/**
 * Whether the value at `path` of a block must not be printed: the attribute is named like a secret,
 * the value looks like a credential, or the block is marked `sensitive` (outputs, `tfe_variable`).
 *
 * @param body the whole block body, to see its `sensitive` flag
 * @param path attribute path such as `master_password` or `inline_policy[0].policy`
 * @param values the values on either side, rendered as text
 */
export function mustRedact(
  body: JsonObject | undefined,
  path: string,
  values: readonly (string | undefined)[],
): boolean {
  const leaf = path.replace(/\[\d+\]/g, '').split('.');
  if (leaf.some((segment) => SECRET_ATTRIBUTE_PATTERN.test(segment))) {
    return true;
  }
  if (body?.sensitive === true && path !== 'sensitive') {
    return true;
  }
  return values.some((value) => value !== undefined && looksSecret(value));
}

/** Whether a text looks like a credential (AWS key id, private key, JWT, API token). */
export function looksSecret(text: string): boolean {
  return SECRET_VALUE_PATTERNS.some((pattern) => pattern.test(text));
}

/** Keys that name the value beside them in name/value lists (ECS environment, tags, parameters). */
const NAME_KEYS = ['name', 'Name', 'key', 'Key', 'ParameterKey'] as const;

/**
 * Whether a JSON value holds, at any depth, a name/value pair whose name looks like a secret, such
 * as ECS's `{"name":"DB_PASSWORD","value":"..."}`: the path alone (`environment[0].value`) does not
 * say the value is secret, the name beside it does.
 *
 * @example
 * holdsNamedSecret({ name: 'DB_PASSWORD', value: 'x' }); // true
 */
export function holdsNamedSecret(value: JsonValue | undefined): boolean {
  if (Array.isArray(value)) {
    return value.some(holdsNamedSecret);
  }
  if (value === null || value === undefined || typeof value !== 'object') {
    return false;
  }
  const named = NAME_KEYS.some((key) => {
    const name = value[key];
    return typeof name === 'string' && SECRET_ATTRIBUTE_PATTERN.test(name) && Object.keys(value).length > 1;
  });
  return named || Object.values(value).some(holdsNamedSecret);
}

/**
 * Whether the value at `segments` inside a JSON document sits beside a secret-looking name (see
 * {@link holdsNamedSecret}), or holds such a pair itself.
 */
export function inNamedSecret(
  document: JsonValue | undefined,
  segments: readonly (string | number)[],
): boolean {
  let parent: JsonValue | undefined = document;
  for (const segment of segments.slice(0, -1)) {
    if (parent === null || parent === undefined || typeof parent !== 'object') {
      return false;
    }
    parent = (parent as Record<string | number, JsonValue>)[segment];
  }
  const leaf = segments.at(-1);
  if (
    parent === null ||
    parent === undefined ||
    typeof parent !== 'object' ||
    Array.isArray(parent) ||
    leaf === undefined
  ) {
    return false;
  }
  const isName = NAME_KEYS.some((key) => key === leaf);
  return !isName && holdsNamedSecret(parent);
}
