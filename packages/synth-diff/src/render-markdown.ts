import { DEFAULT_MAX_MARKDOWN_LENGTH, MAX_VALUE_LENGTH, STATEMENT_FIELDS } from './constants';
import type {
  AttributeChange,
  BlockDiff,
  DiffCounts,
  DiffReport,
  NormalizedPrincipal,
  NormalizedStatement,
  PolicyChange,
  StackDiff,
  StatementChange,
} from './types';

/** Options of {@link renderMarkdown}. */
export interface RenderMarkdownOptions {
  /**
   * Heading of the document; pass an empty string for none (one comment per stack).
   * @default 'Synth diff'
   */
  readonly title?: string;
  /**
   * Longest document produced; longer output is cut at a line end with a note.
   * @default 60000 (GitHub refuses comments over 65,536 characters)
   */
  readonly maxLength?: number;
}

/** Longest list printed for one statement field before "and N more". */
const MAX_LIST_ITEMS = 20;

/**
 * Renders a diff report as Markdown for a pull-request comment: a summary of every stack, then per
 * stack the changed blocks, attribute changes and policy statements.
 *
 * @example
 * process.stdout.write(renderMarkdown(diffStackSets(base, head)));
 */
export function renderMarkdown(report: DiffReport, options: RenderMarkdownOptions = {}): string {
  const title = options.title ?? 'Synth diff';
  const lines: string[] = [];
  if (title !== '') {
    lines.push(`## ${title}`, '');
  }
  lines.push(
    '_Compares the synthesized Terraform JSON of the base and head commits. It is not a Terraform plan: it cannot see drift, computed values or replacements forced by the provider._',
    '',
  );
  if (report.stacks.length === 0) {
    lines.push('No stacks were synthesized on either side.');
  }
  if (report.stacks.length > 1) {
    lines.push('| Stack | Result |', '| --- | --- |');
    for (const stack of report.stacks) {
      lines.push(`| ${code(stack.stack)} | ${stackSummary(stack)} |`);
    }
    lines.push('');
  }
  for (const stack of report.stacks) {
    lines.push(...renderStack(stack));
  }
  return limit(lines.join('\n').trimEnd() + '\n', options.maxLength ?? DEFAULT_MAX_MARKDOWN_LENGTH);
}

/** One line describing a stack's result, such as `1 added, 2 changed` or `no changes`. */
export function stackSummary(stack: StackDiff): string {
  if (stack.status === 'unchanged') {
    return 'no changes';
  }
  const counts = describeCounts(stack.counts);
  if (stack.status === 'added') {
    return `stack added (${counts})`;
  }
  if (stack.status === 'removed') {
    return `stack removed (${counts})`;
  }
  return counts;
}

function renderStack(stack: StackDiff): string[] {
  const lines = [`### Stack ${code(stack.stack)}: ${stackSummary(stack)}`, ''];
  if (stack.status === 'unchanged') {
    return lines;
  }
  if (stack.status === 'removed') {
    lines.push(
      '**The whole stack is gone from the head commit.** Its workspace still holds the state; destroy it there deliberately.',
      '',
    );
  }
  lines.push('| Change | Address | Provider |', '| --- | --- | --- |');
  for (const block of stack.blocks) {
    const address =
      block.previousAddress === undefined
        ? code(block.address)
        : `${code(block.previousAddress)} → ${code(block.address)}`;
    lines.push(
      `| ${block.change} | ${address} | ${block.provider === undefined ? '' : code(block.provider)} |`,
    );
  }
  lines.push('');
  for (const block of stack.blocks) {
    lines.push(...renderBlock(block));
  }
  return lines;
}

function renderBlock(block: BlockDiff): string[] {
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
    lines.push('| Attribute | Before | After |', '| --- | --- | --- |');
    for (const attribute of block.attributes) {
      lines.push(renderAttribute(attribute));
    }
    lines.push('');
  }
  for (const policy of block.policies) {
    lines.push(...renderPolicy(policy));
  }
  return lines;
}

function renderAttribute(attribute: AttributeChange): string {
  return `| ${cell(code(attribute.path))} | ${cell(displayValue(attribute.before, attribute.redacted))} | ${cell(displayValue(attribute.after, attribute.redacted))} |`;
}

function renderPolicy(policy: PolicyChange): string[] {
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
    lines.push(...renderStatement(statement));
  }
  lines.push('');
  return lines;
}

function renderStatement(change: StatementChange): string[] {
  const statement = change.after ?? change.before;
  if (statement === undefined) {
    return [];
  }
  const label = change.sid === undefined ? `(no Sid, ${statement.Effect})` : code(change.sid);
  const lines = [`- **${change.change}** statement ${label}`];
  if (change.change !== 'changed' || change.before === undefined || change.after === undefined) {
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
      // Unchanged Effect and Action still say which statement this is.
      if ((field === 'Effect' || field === 'Action') && after.length > 0) {
        lines.push(`  - ${field}: ${list(after)} (unchanged)`);
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

function list(values: readonly string[]): string {
  const shown = values.slice(0, MAX_LIST_ITEMS).map((value) => code(truncate(value)));
  const more = values.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

function describeCounts(counts: DiffCounts): string {
  const parts = (['added', 'changed', 'removed', 'renamed'] as const)
    .filter((kind) => counts[kind] > 0)
    .map((kind) => `${counts[kind]} ${kind}`);
  return parts.length === 0 ? 'no resources' : parts.join(', ');
}

/** Strings are printed without their JSON quotes; other values as JSON. */
function displayValue(json: string | undefined, redacted: boolean): string {
  if (json === undefined) {
    return '_(absent)_';
  }
  if (redacted) {
    return `_${json}_`;
  }
  let text = json;
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed === 'string') {
      text = parsed;
    }
  } catch {
    // Keep the JSON text.
  }
  return code(truncate(text));
}

function truncate(text: string): string {
  const flat = text.replace(/\r?\n/g, '\\n');
  return flat.length > MAX_VALUE_LENGTH ? `${flat.slice(0, MAX_VALUE_LENGTH - 1)}…` : flat;
}

/** A Markdown code span that survives backticks in the text. */
function code(text: string): string {
  if (!text.includes('`')) {
    return `\`${text}\``;
  }
  return `\`\` ${text} \`\``;
}

/** Table cells cannot hold a bare pipe. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function limit(markdown: string, maxLength: number): string {
  if (markdown.length <= maxLength) {
    return markdown;
  }
  const note =
    '\n\n_Output cut to fit a comment: run `synth-diff` locally or read the job log for the rest._\n';
  const room = Math.max(0, maxLength - note.length);
  const cut = markdown.lastIndexOf('\n', room);
  return markdown.slice(0, cut > 0 ? cut : room) + note;
}
