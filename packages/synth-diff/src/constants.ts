/** Placeholder printed instead of a value that may be secret. */
export const REDACTED = '(hidden)';

/**
 * Attribute names whose values are never printed. Synthesized stacks should hold no secret at all
 * (the first rotation sets every password), so this is a second line of defence.
 */
export const SECRET_ATTRIBUTE_PATTERN =
  /(password|passwd|secret_string|secret_binary|private_key|secret_key|secret_access_key|access_key|client_secret|api_token|^token$|_token$|_wo$)/i;

/** Values that look like credentials whatever attribute holds them. */
export const SECRET_VALUE_PATTERNS: readonly RegExp[] = [
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, // AWS access key id
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/, // PEM private key
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, // JWT
  /\b[a-z0-9]{14}\.atlasv1\.[A-Za-z0-9]{20,}/, // Terraform Cloud token
  /\bgh[pousr]_[A-Za-z0-9]{30,}/, // GitHub token
];

/** A value up to this long is printed whole even when only part of it changed. */
export const SHORT_VALUE_LENGTH = 100;

/**
 * Unchanged characters printed on each side of the changed part of a longer value; the changed part
 * itself is never cut. The compact context is used when the full rendering exceeds the size budget.
 */
export const VALUE_CONTEXT = { full: 40, compact: 12 } as const;

/** Separates an attribute from a path inside the JSON document it holds: `event_pattern › detail.eventName[0]`. */
export const JSON_PATH_SEPARATOR = ' › ';

/** Longest list of unchanged values printed to identify a changed statement (context, not change). */
export const MAX_CONTEXT_ITEMS = 10;

/** GitHub refuses comments longer than 65,536 characters; leave room for the marker and a note. */
export const DEFAULT_MAX_MARKDOWN_LENGTH = 60_000;

/** Policy statement fields in the order they are printed. */
export const STATEMENT_FIELDS = [
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
] as const;
