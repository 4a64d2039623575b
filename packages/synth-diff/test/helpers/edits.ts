import { parseJsonDocument } from '../../src/json-diff';
import { canonicalJson } from '../../src/policy-document';
import type { JsonObject, JsonValue } from '../../src/types';

type Segment = string | number;

/** A place an edit can land: a value in a block body, or a value inside a JSON document a string holds. */
export interface EditSite {
  /** Path from the document root to the block (`['resource', 'aws_iam_role', 'x']`). */
  readonly block: readonly Segment[];
  /** Path inside the block body to the value, or to the JSON-valued string when `inner` is set. */
  readonly outer: readonly Segment[];
  /** Path inside the parsed JSON document held by the string at `outer`. */
  readonly inner: readonly Segment[] | undefined;
  readonly kind: 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';
}

/** One edit: what changed and the text a reviewer must be able to find in the comment. */
export interface AppliedEdit {
  readonly document: JsonObject;
  /** Path segments (body and inner) of the edited value, for redaction checks. */
  readonly segments: readonly Segment[];
  /** Text that must appear in the rendered Markdown (before escaping), when one is known. */
  readonly expected: string | undefined;
  readonly description: string;
  /**
   * True when a text edit left a JSON document equal as JSON (white space between tokens): AWS and
   * the provider read it as the same document, and so does the diff.
   */
  readonly equivalent: boolean;
}

/** Every block of a document, as its path from the root: resources, data, providers, variables, outputs, settings. */
export function blockPaths(document: JsonObject): Segment[][] {
  const paths: Segment[][] = [];
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries(asObject(document[kind]))) {
      for (const name of Object.keys(asObject(byName))) {
        paths.push([kind, type, name]);
      }
    }
  }
  for (const [name, configs] of Object.entries(asObject(document.provider))) {
    if (Array.isArray(configs)) {
      configs.forEach((_config, index) => paths.push(['provider', name, index]));
    } else {
      paths.push(['provider', name]);
    }
  }
  for (const kind of ['variable', 'output'] as const) {
    for (const name of Object.keys(asObject(document[kind]))) {
      paths.push([kind, name]);
    }
  }
  if (document.terraform !== undefined) {
    paths.push(['terraform']);
  }
  return paths;
}

/** Every editable place of every block, JSON-valued strings included (both as text and as documents). */
export function editSites(document: JsonObject): EditSite[] {
  const sites: EditSite[] = [];
  for (const block of blockPaths(document)) {
    const walk = (value: JsonValue, outer: Segment[], inner: Segment[] | undefined): void => {
      sites.push({ block, outer, inner, kind: kindOf(value) });
      if (Array.isArray(value)) {
        value.forEach((item, index) => walk(item, ...descend(outer, inner, index)));
      } else if (value !== null && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
          if (key !== '//') {
            walk(child, ...descend(outer, inner, key));
          }
        }
      } else if (typeof value === 'string' && inner === undefined) {
        const parsed = parseJsonDocument(value);
        if (parsed !== undefined) {
          walk(parsed, outer, []);
        }
      }
    };
    walk(get(document, block), [], undefined);
  }
  // The block body itself is not an attribute; its keys are (edited through the body's object site).
  return sites.filter((site) => site.outer.length > 0 || site.kind === 'object');
}

/** A choice of edit, drawn by the property test. */
export interface EditChoice {
  readonly op: number;
  readonly position: number;
  readonly char: string;
}

/**
 * Applies one single-character or single-element edit at a site and returns the edited document
 * (the input is not changed) with the text the diff must show.
 */
export function applyEdit(document: JsonObject, site: EditSite, choice: EditChoice): AppliedEdit {
  const edited = structuredClone(document);
  let expected: string | undefined;
  let description = '';
  let equivalent = false;
  const segments = [...site.outer, ...(site.inner ?? [])];

  const edit = (value: JsonValue): JsonValue => {
    if (typeof value === 'string') {
      const position = choice.position % (value.length + 1);
      const ops = value.length === 0 ? ['insert'] : ['replace', 'insert', 'delete'];
      const op = ops[choice.op % ops.length];
      if (op === 'delete') {
        const at = Math.min(position, value.length - 1);
        description = `delete char ${at} of ${JSON.stringify(value.slice(0, 60))}`;
        expected = window(value, at);
        return value.slice(0, at) + value.slice(at + 1);
      }
      if (op === 'replace') {
        const at = Math.min(position, value.length - 1);
        const char = choice.char === value[at] ? (choice.char === 'Q' ? 'R' : 'Q') : choice.char;
        const next = value.slice(0, at) + char + value.slice(at + 1);
        description = `replace char ${at} of ${JSON.stringify(value.slice(0, 60))} with ${JSON.stringify(char)}`;
        expected = window(next, at);
        return next;
      }
      const next = value.slice(0, position) + choice.char + value.slice(position);
      description = `insert ${JSON.stringify(choice.char)} at ${position} of ${JSON.stringify(value.slice(0, 60))}`;
      expected = window(next, position);
      return next;
    }
    if (typeof value === 'number') {
      description = `increment ${value}`;
      expected = String(value + 1);
      return value + 1;
    }
    if (typeof value === 'boolean') {
      description = `flip ${String(value)}`;
      expected = String(!value);
      return !value;
    }
    if (value === null) {
      description = 'null -> "x"';
      return 'x';
    }
    if (Array.isArray(value)) {
      if (value.length === 0) {
        description = 'append "x" to an empty list';
        expected = 'x';
        return ['x'];
      }
      const at = choice.position % value.length;
      const item = value[at] as JsonValue;
      expected = typeof item === 'string' && item.length <= 100 ? item : undefined;
      if (choice.op % 2 === 0) {
        description = `remove element ${at} (${JSON.stringify(item).slice(0, 60)})`;
        return value.filter((_item, index) => index !== at);
      }
      description = `duplicate element ${at} (${JSON.stringify(item).slice(0, 60)})`;
      return [...value.slice(0, at + 1), item, ...value.slice(at + 1)];
    }
    const keys = Object.keys(value).filter((key) => key !== '//');
    if (keys.length === 0) {
      description = 'add key "x" to an empty object';
      expected = 'x';
      return { x: 'x' };
    }
    const key = keys[choice.position % keys.length] as string;
    if (choice.op % 2 === 0) {
      description = `delete key ${key}`;
      expected = key;
      return Object.fromEntries(Object.entries(value).filter(([name]) => name !== key));
    }
    const renamed = `${key}${choice.char === '\n' ? 'x' : choice.char}`;
    description = `rename key ${key} to ${renamed}`;
    expected = renamed;
    return Object.fromEntries(
      Object.entries(value).map(([name, child]) => [name === key ? renamed : name, child]),
    );
  };

  const outer = [...site.block, ...site.outer];
  if (site.inner === undefined) {
    const before = get(edited, outer);
    const after = edit(before);
    set(edited, outer, after);
    // A text edit that leaves a JSON document valid is shown structurally, without the JSON
    // punctuation around it; the edits inside documents check those characters.
    const stillJson =
      typeof before === 'string' &&
      typeof after === 'string' &&
      parseJsonDocument(before) !== undefined &&
      parseJsonDocument(after) !== undefined;
    if (stillJson) {
      expected = undefined;
      equivalent =
        canonicalJson(parseJsonDocument(before) ?? null) === canonicalJson(parseJsonDocument(after) ?? null);
    }
  } else {
    const text = get(edited, outer) as string;
    const parsed = parseJsonDocument(text) as JsonValue;
    const result =
      site.inner.length === 0
        ? edit(parsed)
        : (set(parsed, site.inner, edit(get(parsed, site.inner))), parsed);
    set(edited, outer, JSON.stringify(result));
  }
  return { document: edited, segments, expected, description, equivalent };
}

/** The edited character with two characters of context on each side. */
function window(text: string, at: number): string {
  return text.slice(Math.max(0, at - 2), at + 3);
}

function kindOf(value: JsonValue): EditSite['kind'] {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  return typeof value as 'string' | 'number' | 'boolean' | 'object';
}

function descend(
  outer: Segment[],
  inner: Segment[] | undefined,
  segment: Segment,
): [Segment[], Segment[] | undefined] {
  return inner === undefined ? [[...outer, segment], undefined] : [outer, [...inner, segment]];
}

function get(value: JsonValue, path: readonly Segment[]): JsonValue {
  let current = value;
  for (const segment of path) {
    current = (current as Record<string | number, JsonValue>)[segment] as JsonValue;
  }
  return current;
}

function set(root: JsonValue, path: readonly Segment[], value: JsonValue): void {
  if (path.length === 0) {
    throw new Error('cannot replace the root in place');
  }
  const parent = get(root, path.slice(0, -1)) as Record<string | number, JsonValue>;
  parent[path[path.length - 1] as Segment] = value;
}

function asObject(value: JsonValue | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/** A document holding only the block at `path`, so one edit is diffed without the rest of the stack. */
export function onlyBlock(document: JsonObject, path: readonly Segment[]): JsonObject {
  const result: JsonObject = {};
  let source: JsonValue = document;
  let target: JsonObject | JsonValue[] = result;
  path.forEach((segment, index) => {
    source = (source as Record<string | number, JsonValue>)[segment] as JsonValue;
    const last = index === path.length - 1;
    const next: JsonValue = last ? source : typeof path[index + 1] === 'number' ? [] : {};
    if (Array.isArray(target)) {
      target.push(next);
    } else {
      target[segment as string] = next;
    }
    if (!last) {
      target = next as JsonObject | JsonValue[];
    }
  });
  return result;
}
