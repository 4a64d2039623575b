import { MAX_CONTEXT_ITEMS, SHORT_VALUE_LENGTH, STATEMENT_FIELDS, VALUE_CONTEXT } from './constants';
import { cell, code, plainText } from './markdown-text';
import { changedSpan } from './text-span';
import type {
  AttributeChange,
  BlockDiff,
  NormalizedPrincipal,
  NormalizedStatement,
  PolicyChange,
  StatementChange,
} from './types';

/**
 * How much unchanged context to print. `full` shows more around each change; `compact` is used when
 * the full rendering exceeds the size budget. Neither ever cuts a changed value.
 */
export type Detail = keyof typeof VALUE_CONTEXT;

/**
 * Renders one block's changes as Markdown lines: a table of attribute changes (for an added or
 * removed block, every attribute it sets), then its policies statement by statement. Returns no
 * lines for a block with nothing to show beyond its row in the stack's table.
 *
 * @example
 * renderBlock(stack.blocks[0], 'full').join('\n');
 */
export function renderBlock(block: BlockDiff, detail: Detail): string[] {
  const notes: string[] = [];
  if (block.change === 'renamed') {
    notes.push(
      block.moved
        ? `Renamed from ${code(block.previousAddress ?? '')}; a \`moved\` block keeps the existing object.`
        : `Renamed from ${code(block.previousAddress ?? '')} with an identical body. Without a \`moved\` block Terraform destroys the old object and creates a new one.`,
    );
  }
  if (block.attributes.length === 0 && block.policies.length === 0 && notes.length === 0) {
    return [];
  }
  const provider = block.provider === undefined ? '' : ` (provider ${code(block.provider)})`;
  const lines = [`#### ${block.change} ${code(block.address)}${provider}`, ''];
  for (const note of notes) {
    lines.push(note, '');
  }
  if (block.attributes.length > 0) {
    if (block.change === 'added' || block.change === 'removed') {
      lines.push('| Attribute | Value |', '| --- | --- |');
      // The provider is in the heading already.
      for (const attribute of block.attributes.filter((candidate) => candidate.path !== 'provider')) {
        const value = attribute.after ?? attribute.before;
        lines.push(`| ${cell(code(attribute.path))} | ${cell(displayWhole(value, attribute.redacted))} |`);
      }
    } else {
      lines.push('| Attribute | Before | After |', '| --- | --- | --- |');
      for (const attribute of block.attributes) {
        lines.push(renderAttributeChange(attribute, detail));
      }
    }
    lines.push('');
  }
  for (const policy of block.policies) {
    lines.push(...renderPolicy(policy, detail));
  }
  return lines;
}

function renderAttributeChange(attribute: AttributeChange, detail: Detail): string {
  const { before, after } = attribute;
  if (attribute.redacted || before === undefined || after === undefined) {
    return row(
      attribute.path,
      displayWhole(before, attribute.redacted),
      displayWhole(after, attribute.redacted),
    );
  }
  const oldText = plainText(before);
  const newText = plainText(after);
  if (oldText.length <= SHORT_VALUE_LENGTH && newText.length <= SHORT_VALUE_LENGTH) {
    return row(attribute.path, code(oldText), code(newText));
  }
  // A long value: the part that differs with some context, so a change at its end is never cut off.
  const span = changedSpan(oldText, newText, VALUE_CONTEXT[detail]);
  return row(attribute.path, code(span.before), code(span.after));
}

function row(path: string, before: string, after: string): string {
  return `| ${cell(code(path))} | ${cell(before)} | ${cell(after)} |`;
}

/** A whole value: strings without their JSON quotes, other values as JSON. */
function displayWhole(json: string | undefined, redacted: boolean): string {
  if (json === undefined) {
    return '_(absent)_';
  }
  return redacted ? `_${json}_` : code(plainText(json));
}

function renderPolicy(policy: PolicyChange, detail: Detail): string[] {
  const tally = (['added', 'changed', 'removed'] as const)
    .map((kind) => [kind, policy.statements.filter((statement) => statement.change === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`);
  const lines = [
    `**Policy ${code(policy.path)}**: ${tally.length === 0 ? 'statements unchanged' : `statements ${tally.join(', ')}`}`,
    '',
  ];
  if (policy.version !== undefined) {
    lines.push(
      `- Version: ${code(policy.version.before ?? '(none)')} → ${code(policy.version.after ?? '(none)')}`,
    );
  }
  for (const statement of policy.statements) {
    lines.push(...renderStatement(statement, detail));
  }
  lines.push('');
  return lines;
}

function renderStatement(change: StatementChange, detail: Detail): string[] {
  const statement = change.after ?? change.before;
  if (statement === undefined) {
    return [];
  }
  const label = change.sid === undefined ? `(no Sid, ${statement.Effect})` : code(change.sid);
  const lines = [`- **${change.change}** statement ${label}`];
  if (change.change !== 'changed' || change.before === undefined || change.after === undefined) {
    // Every value of an added or removed statement is a change: all are printed.
    for (const field of STATEMENT_FIELDS) {
      const values = fieldValues(statement, field);
      if (values.length > 0) {
        lines.push(`  - ${field}: ${list(values)}`);
      }
    }
    return lines;
  }
  for (const field of STATEMENT_FIELDS) {
    const before = fieldValues(change.before, field);
    const after = fieldValues(change.after, field);
    const addedValues = after.filter((value) => !before.includes(value));
    const removedValues = before.filter((value) => !after.includes(value));
    if (addedValues.length === 0 && removedValues.length === 0) {
      // Unchanged Effect and Action say which statement this is: context, left out when compact.
      if (detail === 'full' && (field === 'Effect' || field === 'Action') && after.length > 0) {
        lines.push(`  - ${field}: ${list(after, MAX_CONTEXT_ITEMS)} (unchanged)`);
      }
      continue;
    }
    if (field === 'Effect') {
      lines.push(`  - Effect: ${list(before)} → ${list(after)}`);
      continue;
    }
    const parts: string[] = [];
    if (addedValues.length > 0) {
      parts.push(`added ${list(addedValues)}`);
    }
    if (removedValues.length > 0) {
      parts.push(`removed ${list(removedValues)}`);
    }
    lines.push(`  - ${field}: ${parts.join('; ')}`);
  }
  return lines;
}

/** A statement field as comparable lines: principals as `AWS: arn`, conditions as `Operator key: value`. */
function fieldValues(statement: NormalizedStatement, field: (typeof STATEMENT_FIELDS)[number]): string[] {
  switch (field) {
    case 'Effect':
      return [statement.Effect];
    case 'Principal':
    case 'NotPrincipal':
      return principalValues(statement[field]);
    case 'Condition': {
      const values: string[] = [];
      for (const [operator, byKey] of Object.entries(statement.Condition ?? {})) {
        for (const [key, keyValues] of Object.entries(byKey)) {
          // One line per value, so adding one ARN to an allow-list shows as exactly that.
          values.push(...keyValues.map((value) => `${operator} ${key}: ${value}`));
        }
      }
      return values;
    }
    default:
      return [...(statement[field] ?? [])];
  }
}

function principalValues(principal: NormalizedPrincipal | undefined): string[] {
  if (principal === undefined) {
    return [];
  }
  if (principal === '*') {
    return ['*'];
  }
  return Object.entries(principal).flatMap(([type, ids]) => ids.map((id) => `${type}: ${id}`));
}

/** Values as code spans; `max` limits only lists of unchanged context, never changed values. */
function list(values: readonly string[], max = Number.POSITIVE_INFINITY): string {
  const shown = values.slice(0, max).map((value) => code(value));
  const more = values.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
