import type { JsonValue, NormalizedPrincipal, NormalizedStatement } from './types';

/** Key under which a value IAM would reject (a bare principal, a condition that is not an object) is kept. */
export const MALFORMED = '(malformed)';

/** A parsed policy document: its version and normalized statements. */
export interface ParsedPolicy {
  readonly version: string | undefined;
  readonly statements: readonly NormalizedStatement[];
}

/**
 * Parses a string as an IAM-style policy document (identity, trust, SCP, KMS key, resource policy).
 * Returns undefined when the string is not JSON or has no `Statement`, so callers can treat it as an
 * ordinary value (a Terraform reference such as `${aws_iam_policy_document.x.json}` stays a value).
 *
 * @example
 * parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}');
 */
export function parsePolicy(text: string): ParsedPolicy | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  return policyFromJson(parsed);
}

/**
 * Reads an already parsed JSON value as a policy document; undefined when it has no `Statement`
 * made of objects.
 *
 * @example
 * policyFromJson({ Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } });
 */
export function policyFromJson(parsed: unknown): ParsedPolicy | undefined {
  if (!isRecord(parsed) || !('Statement' in parsed)) {
    return undefined;
  }
  const raw = parsed.Statement;
  const list = Array.isArray(raw) ? raw : [raw];
  if (!list.every(isRecord)) {
    return undefined;
  }
  return {
    version: typeof parsed.Version === 'string' ? parsed.Version : undefined,
    statements: list.map(normalizeStatement),
  };
}

/** Canonical text of a statement: equal statements (whatever their key and value order) give equal text. */
export function statementKey(statement: NormalizedStatement): string {
  return canonicalJson(statement as unknown as JsonValue);
}

/** JSON with object keys sorted, so that key order never shows up as a difference. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function normalizeStatement(raw: Record<string, unknown>): NormalizedStatement {
  const statement: Record<string, unknown> = {
    Effect: typeof raw.Effect === 'string' ? raw.Effect : String(raw.Effect),
  };
  if (typeof raw.Sid === 'string' && raw.Sid !== '') {
    statement.Sid = raw.Sid;
  }
  for (const field of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    if (raw[field] !== undefined) {
      statement[field] = stringList(raw[field]);
    }
  }
  for (const field of ['Principal', 'NotPrincipal'] as const) {
    if (raw[field] !== undefined) {
      statement[field] = normalizePrincipal(raw[field]);
    }
  }
  if (raw.Condition !== undefined && !isRecord(raw.Condition)) {
    // Not valid IAM, but shown rather than dropped: an unreadable condition must not look absent.
    statement.Condition = { [MALFORMED]: { [MALFORMED]: stringList(raw.Condition) } };
  } else if (isRecord(raw.Condition)) {
    const condition: Record<string, Record<string, string[]>> = {};
    for (const operator of Object.keys(raw.Condition).sort()) {
      const byKey = raw.Condition[operator];
      if (!isRecord(byKey)) {
        condition[operator] = { [MALFORMED]: stringList(byKey) };
        continue;
      }
      const keys: Record<string, string[]> = {};
      for (const key of Object.keys(byKey).sort()) {
        keys[key] = stringList(byKey[key]);
      }
      condition[operator] = keys;
    }
    statement.Condition = condition;
  }
  return statement as unknown as NormalizedStatement;
}

function normalizePrincipal(raw: unknown): NormalizedPrincipal {
  if (raw === '*') {
    return '*';
  }
  const principal: Record<string, string[]> = {};
  if (isRecord(raw)) {
    for (const type of Object.keys(raw).sort()) {
      principal[type] = stringList(raw[type]);
    }
  } else {
    // Not valid IAM (only "*" may stand alone), but shown rather than dropped.
    principal[MALFORMED] = stringList(raw);
  }
  return principal;
}

/**
 * Singleton or list of scalars -> sorted unique strings (IAM treats both forms the same). Terraform's
 * escapes of IAM policy variables (`$${aws:username}`) are shown as IAM reads them (`${aws:username}`).
 */
function stringList(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  const text = list.map((item) =>
    typeof item === 'string' ? item.replace(/\$\$\{/g, '${') : JSON.stringify(item),
  );
  return [...new Set(text)].sort();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Statement fields whose values IAM reads as an unordered set (a singleton equals a one-item list). */
const SET_FIELDS = new Set(['Action', 'NotAction', 'Resource', 'NotResource']);

/**
 * Canonical text of a policy document that ignores only what IAM ignores (key order, statement
 * order, value order, a singleton versus a one-item list) and keeps everything else (duplicates,
 * `$${` escapes, unknown keys). Two documents with equal statements but different fingerprints
 * still differ as text, and the diff shows that raw difference rather than "no changes".
 */
export function policyFingerprint(document: JsonValue): string {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return canonicalJson(document);
  }
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement ?? null];
  const normalized = statements.map((statement) => canonicalJson(fingerprintStatement(statement))).sort();
  return canonicalJson({ ...document, Statement: normalized });
}

function fingerprintStatement(statement: JsonValue): JsonValue {
  if (statement === null || typeof statement !== 'object' || Array.isArray(statement)) {
    return statement;
  }
  const result: { [key: string]: JsonValue } = {};
  for (const [key, value] of Object.entries(statement)) {
    if (SET_FIELDS.has(key)) {
      result[key] = sortedList(value);
    } else if ((key === 'Principal' || key === 'NotPrincipal' || key === 'Condition') && isRecord(value)) {
      result[key] = mapValues(value as { [key: string]: JsonValue }, (inner) =>
        key === 'Condition' && isRecord(inner)
          ? mapValues(inner as { [key: string]: JsonValue }, sortedList)
          : sortedList(inner),
      );
    } else {
      result[key] = value;
    }
  }
  return result;
}

function sortedList(value: JsonValue): JsonValue {
  return (Array.isArray(value) ? value : [value]).map((item) => canonicalJson(item)).sort();
}

function mapValues(
  value: { [key: string]: JsonValue },
  map: (inner: JsonValue) => JsonValue,
): { [key: string]: JsonValue } {
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, map(inner)]));
}
