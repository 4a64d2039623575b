import { JSON_PATH_SEPARATOR, REDACTED, STATEMENT_FIELDS } from './constants';
import { diffPolicy } from './diff-policy';
import { diffJson, jsonLeaves, parseJsonDocument, type JsonChange } from './json-diff';
import { canonicalJson, policyFingerprint, policyFromJson } from './policy-document';
import { holdsNamedSecret, inNamedSecret, mustRedact } from './redact';
import type { AttributeChange, JsonObject, JsonValue, PolicyChange } from './types';

/** Attribute and policy differences of one block. */
export interface BodyDiff {
  readonly attributes: AttributeChange[];
  readonly policies: PolicyChange[];
}

/**
 * Compares two block bodies leaf by leaf. A string holding a JSON object or array (a policy, an
 * event pattern, container definitions) is compared structurally, path by path inside the document,
 * and a policy document statement by statement. Pass `undefined` for a side that does not exist (an
 * added or removed block): then every attribute of the other side is listed, since a reviewer must
 * read what a new block sets (policies, principals, ports, CIDRs, schedules).
 *
 * @example
 * diffBodies({ name: 'a' }, { name: 'b' }); // { attributes: [{ path: 'name', before: '"a"', after: '"b"', ... }] }
 */
export function diffBodies(before: JsonObject | undefined, after: JsonObject | undefined): BodyDiff {
  const oldLeaves = flatten(before ?? {});
  const newLeaves = flatten(after ?? {});
  const diff: BodyDiff = { attributes: [], policies: [] };
  const paths = [...new Set([...oldLeaves.keys(), ...newLeaves.keys()])].sort(comparePaths);
  const body = after ?? before;

  for (const path of paths) {
    const oldValue = oldLeaves.get(path);
    const newValue = newLeaves.get(path);
    // A secret-named attribute is never parsed or printed, even if its value happens to be JSON.
    const secretByName = mustRedact(after ?? before, path, []) || mustRedact(before, path, []);
    if (!secretByName && diffJsonValued(diff, body, path, oldValue, newValue)) {
      continue;
    }
    const oldText = oldValue === undefined ? undefined : canonicalJson(oldValue);
    const newText = newValue === undefined ? undefined : canonicalJson(newValue);
    if (oldText === newText) {
      continue;
    }
    const redacted = secretByName || mustRedact(body, path, [oldText, newText]);
    diff.attributes.push(attributeChange(path, oldText, newText, redacted));
  }
  return diff;
}

/**
 * Reports a JSON-valued attribute structurally. Returns false when the attribute is not JSON on
 * either side, or when one side is a plain value (a Terraform reference replacing a literal
 * policy), which the caller then also reports as a value change.
 */
function diffJsonValued(
  diff: BodyDiff,
  body: JsonObject | undefined,
  path: string,
  oldValue: JsonValue | undefined,
  newValue: JsonValue | undefined,
): boolean {
  const oldDoc = typeof oldValue === 'string' ? parseJsonDocument(oldValue) : undefined;
  const newDoc = typeof newValue === 'string' ? parseJsonDocument(newValue) : undefined;
  if (oldDoc === undefined && newDoc === undefined) {
    return false;
  }
  const onePlainSide =
    (oldValue !== undefined && oldDoc === undefined) || (newValue !== undefined && newDoc === undefined);
  const oldPolicy = policyFromJson(oldDoc);
  const newPolicy = policyFromJson(newDoc);
  const bothPolicies = oldPolicy !== undefined && newPolicy !== undefined;
  const onePolicyOneAbsent =
    (oldPolicy !== undefined && newDoc === undefined) || (newPolicy !== undefined && oldDoc === undefined);

  if (bothPolicies || onePolicyOneAbsent || onePlainSide) {
    const change = diffPolicy(path, oldPolicy, newPolicy);
    if (change.statements.length > 0 || change.version !== undefined) {
      diff.policies.push(change);
    }
    if (onePlainSide) {
      return false;
    }
    // What statements do not show: top-level keys such as `Id`. Version is shown with the statements.
    const rest = jsonChanges(withoutStatements(oldDoc), withoutStatements(newDoc));
    const reported = change.statements.length > 0 || change.version !== undefined || rest.length > 0;
    // Statements IAM reads as equal can still differ as text (a duplicate value, `$${` escapes):
    // then the raw documents are compared, so no edit ever renders as "no changes".
    const changes =
      !reported && bothPolicies && policyFingerprint(oldDoc ?? null) !== policyFingerprint(newDoc ?? null)
        ? jsonChanges(oldDoc, newDoc)
        : rest;
    pushJsonChanges(diff, body, path, changes, [oldDoc, newDoc]);
    return true;
  }
  pushJsonChanges(diff, body, path, jsonChanges(oldDoc, newDoc), [oldDoc, newDoc]);
  return true;
}

/** Structural changes between two documents, either of which may be absent (every leaf listed). */
function jsonChanges(before: JsonValue | undefined, after: JsonValue | undefined): JsonChange[] {
  if (before !== undefined && after !== undefined) {
    return diffJson(before, after);
  }
  const side = before ?? after;
  if (side === undefined) {
    return [];
  }
  return jsonLeaves(side).map(({ path, segments, value }) =>
    before === undefined
      ? { path, segments, before: undefined, after: value }
      : { path, segments, before: value, after: undefined },
  );
}

function pushJsonChanges(
  diff: BodyDiff,
  body: JsonObject | undefined,
  path: string,
  changes: readonly JsonChange[],
  documents: readonly (JsonValue | undefined)[],
): void {
  for (const change of [...changes].sort((a, b) => comparePaths(a.path, b.path))) {
    const oldText = change.before === undefined ? undefined : canonicalJson(change.before);
    const newText = change.after === undefined ? undefined : canonicalJson(change.after);
    const redacted =
      mustRedact(body, change.path === '' ? path : `${path}.${change.path}`, [oldText, newText]) ||
      holdsNamedSecret(change.before) ||
      holdsNamedSecret(change.after) ||
      documents.some((document) => inNamedSecret(document, change.segments));
    const shownPath = change.path === '' ? path : `${path}${JSON_PATH_SEPARATOR}${change.path}`;
    diff.attributes.push(attributeChange(shownPath, oldText, newText, redacted));
  }
}

/**
 * What the statement view does not show of a policy document: top-level keys other than `Statement`
 * and `Version` (such as `Id`), and statement keys IAM does not know (a typo such as `Actions`), by
 * statement Sid or position.
 */
function withoutStatements(document: JsonValue | undefined): JsonValue | undefined {
  if (
    document === undefined ||
    document === null ||
    typeof document !== 'object' ||
    Array.isArray(document)
  ) {
    return document;
  }
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(document)) {
    if (key !== 'Statement' && key !== 'Version') {
      rest[key] = value;
    }
  }
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement ?? null];
  const unknown: JsonObject = {};
  statements.forEach((statement, index) => {
    if (statement === null || typeof statement !== 'object' || Array.isArray(statement)) {
      return;
    }
    const extra = Object.entries(statement).filter(([key]) => !STATEMENT_KEYS.has(key));
    if (extra.length > 0) {
      unknown[typeof statement.Sid === 'string' ? statement.Sid : String(index)] = Object.fromEntries(extra);
    }
  });
  if (Object.keys(unknown).length > 0) {
    rest.Statement = unknown;
  }
  return Object.keys(rest).length === 0 ? undefined : rest;
}

/** Statement keys the statement view shows. */
const STATEMENT_KEYS = new Set<string>(['Sid', ...STATEMENT_FIELDS]);

function attributeChange(
  path: string,
  before: string | undefined,
  after: string | undefined,
  redacted: boolean,
): AttributeChange {
  return {
    path,
    before: redacted && before !== undefined ? REDACTED : before,
    after: redacted && after !== undefined ? REDACTED : after,
    redacted,
  };
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
