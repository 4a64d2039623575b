import diff from 'microdiff';
import type { JsonValue } from './types';

/** One difference inside a JSON document, by path. */
export interface JsonChange {
  /** Path inside the document, such as `detail.eventName[0]`; empty for the document itself. */
  readonly path: string;
  /** The same path as keys and indexes: `['detail', 'eventName', 0]`. */
  readonly segments: readonly (string | number)[];
  /** Value on the base side; undefined when the path is new. */
  readonly before: JsonValue | undefined;
  /** Value on the head side; undefined when the path was removed. */
  readonly after: JsonValue | undefined;
}

/**
 * Parses a string that holds a JSON object or array (a policy, an event pattern, container
 * definitions). Anything else (plain text, a number, a Terraform reference) gives undefined, so it
 * is compared as text.
 *
 * @example
 * parseJsonDocument('{"source":["aws.sts"]}'); // { source: ['aws.sts'] }
 */
export function parseJsonDocument(text: string): JsonValue | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) {
    return undefined;
  }
  try {
    return JSON.parse(trimmed) as JsonValue;
  } catch {
    return undefined;
  }
}

/**
 * Compares two JSON documents structurally with microdiff: one change per path whose value differs,
 * so key order and whitespace never show, and a change deep inside a long document is reported at
 * its own path instead of as a different blob. Arrays are compared index by index, as IAM, EventBridge
 * and ECS read them.
 *
 * @example
 * diffJson({ detail: { eventName: ['AssumeRole'] } }, { detail: { eventName: ['AssumeRoleX'] } });
 * // [{ path: 'detail.eventName[0]', before: 'AssumeRole', after: 'AssumeRoleX' }]
 */
export function diffJson(before: JsonValue, after: JsonValue): JsonChange[] {
  if (!isContainer(before) || !isContainer(after) || Array.isArray(before) !== Array.isArray(after)) {
    return sameJson(before, after) ? [] : [{ path: '', segments: [], before, after }];
  }
  return diff(before, after).map((change) => ({
    path: jsonPath(change.path),
    segments: change.path,
    before: change.type === 'CREATE' ? undefined : (change.oldValue as JsonValue),
    after: change.type === 'REMOVE' ? undefined : (change.value as JsonValue),
  }));
}

/**
 * Every leaf of a JSON document by path (empty objects and arrays are leaves), for a document that
 * exists on one side only: an added or removed block shows all of its values.
 *
 * @example
 * jsonLeaves({ a: [1, { b: 2 }] }); // [{ path: 'a[0]', segments: ['a', 0], value: 1 }, { path: 'a[1].b', ... }]
 */
export function jsonLeaves(
  value: JsonValue,
): { path: string; segments: (string | number)[]; value: JsonValue }[] {
  const leaves: { path: string; segments: (string | number)[]; value: JsonValue }[] = [];
  const walk = (current: JsonValue, path: (string | number)[]): void => {
    if (Array.isArray(current) && current.length > 0) {
      current.forEach((item, index) => walk(item, [...path, index]));
      return;
    }
    if (isContainer(current) && !Array.isArray(current) && Object.keys(current).length > 0) {
      for (const [key, child] of Object.entries(current)) {
        walk(child, [...path, key]);
      }
      return;
    }
    leaves.push({ path: jsonPath(path), segments: path, value: current });
  };
  walk(value, []);
  return leaves;
}

/** `['detail', 'eventName', 0]` -> `detail.eventName[0]`; keys that are not identifiers are quoted. */
export function jsonPath(segments: readonly (string | number)[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') {
      path += `[${segment}]`;
    } else if (/^[A-Za-z_][\w:/-]*$/.test(segment)) {
      path += path === '' ? segment : `.${segment}`;
    } else {
      // Quoted but not escaped: the path is for reading, and the key shows as it is.
      path += `["${segment}"]`;
    }
  }
  return path;
}

function isContainer(value: JsonValue): value is JsonValue[] | { [key: string]: JsonValue } {
  return value !== null && typeof value === 'object';
}

function sameJson(a: JsonValue, b: JsonValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
