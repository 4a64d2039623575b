import { REDACTED } from './constants';
import { diffPolicy } from './diff-policy';
import { canonicalJson, parsePolicy } from './policy-document';
import { mustRedact } from './redact';
import type { AttributeChange, JsonObject, JsonValue, PolicyChange } from './types';

/** Attribute and policy differences of one block. */
export interface BodyDiff {
  readonly attributes: AttributeChange[];
  readonly policies: PolicyChange[];
}

/**
 * Compares two block bodies leaf by leaf. A string that parses as a policy document on either side
 * is compared statement by statement instead of as text. Pass `undefined` for a side that does not
 * exist (an added or removed block): then only its policies are reported, every statement as added
 * or removed, since those are what a reviewer must read.
 *
 * @example
 * diffBodies({ name: 'a' }, { name: 'b' }); // { attributes: [{ path: 'name', before: '"a"', after: '"b"', ... }] }
 */
export function diffBodies(before: JsonObject | undefined, after: JsonObject | undefined): BodyDiff {
  const oldLeaves = flatten(before ?? {});
  const newLeaves = flatten(after ?? {});
  const attributes: AttributeChange[] = [];
  const policies: PolicyChange[] = [];
  const paths = [...new Set([...oldLeaves.keys(), ...newLeaves.keys()])].sort(comparePaths);

  for (const path of paths) {
    const oldValue = oldLeaves.get(path);
    const newValue = newLeaves.get(path);
    // A secret-named attribute is never parsed or printed, even if its value happens to be JSON.
    const secretByName = mustRedact(after ?? before, path, []) || mustRedact(before, path, []);
    const oldPolicy = !secretByName && typeof oldValue === 'string' ? parsePolicy(oldValue) : undefined;
    const newPolicy = !secretByName && typeof newValue === 'string' ? parsePolicy(newValue) : undefined;
    if (oldPolicy !== undefined || newPolicy !== undefined) {
      const change = diffPolicy(path, oldPolicy, newPolicy);
      if (change.statements.length > 0 || change.version !== undefined) {
        policies.push(change);
      }
      // Only a policy replaced by a plain value (a Terraform reference, say) also shows as a value change.
      const otherSidePlainValue =
        (oldPolicy === undefined && oldValue !== undefined) ||
        (newPolicy === undefined && newValue !== undefined);
      if (!otherSidePlainValue) {
        continue;
      }
    }
    if (before === undefined || after === undefined) {
      continue;
    }
    const oldText = oldValue === undefined ? undefined : canonicalJson(oldValue);
    const newText = newValue === undefined ? undefined : canonicalJson(newValue);
    if (oldText === newText) {
      continue;
    }
    const redacted = secretByName || mustRedact(after, path, [oldText, newText]);
    attributes.push({
      path,
      before: redacted && oldText !== undefined ? REDACTED : oldText,
      after: redacted && newText !== undefined ? REDACTED : newText,
      redacted,
    });
  }
  return { attributes, policies };
}

/** Flattens a body into `path -> leaf`; empty objects and arrays are leaves so their appearance shows. */
export function flatten(value: JsonObject): Map<string, JsonValue> {
  const leaves = new Map<string, JsonValue>();
  const walk = (current: JsonValue, path: string): void => {
    if (Array.isArray(current)) {
      if (current.length === 0) {
        leaves.set(path, []);
      }
      current.forEach((item, index) => walk(item, `${path}[${index}]`));
      return;
    }
    if (current !== null && typeof current === 'object') {
      const keys = Object.keys(current);
      if (keys.length === 0 && path !== '') {
        leaves.set(path, {});
      }
      for (const key of keys) {
        walk(current[key] as JsonValue, path === '' ? key : `${path}.${key}`);
      }
      return;
    }
    leaves.set(path, current);
  };
  walk(value, '');
  return leaves;
}

/** Natural order, so `x[10]` sorts after `x[9]`. */
function comparePaths(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
