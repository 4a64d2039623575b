import { SECRET_ATTRIBUTE_PATTERN, SECRET_VALUE_PATTERNS } from './constants';
import type { JsonObject } from './types';

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
