import { DEFAULT_MAX_MARKDOWN_LENGTH } from './constants';
import { code } from './markdown-text';
import { renderBlock, type Detail } from './render-block';
import type { BlockDiff, DiffCounts, DiffReport, StackDiff } from './types';

/** Options of {@link renderMarkdown}. */
export interface RenderMarkdownOptions {
  /**
   * Heading of the document; pass an empty string for none (one comment per stack).
   * @default 'Synth diff'
   */
  readonly title?: string;
  /**
   * Size budget in characters. Over it, unchanged context is trimmed first, then the details of
   * whole blocks are left out (their rows stay in the tables); a changed value is never cut.
   * @default 60000 (GitHub refuses comments over 65,536 characters)
   */
  readonly maxLength?: number;
  /**
   * Markdown saying where the whole diff can be read, printed when something was left out.
   * @default - a sentence saying to run synth-diff locally
   */
  readonly fullDiff?: string;
}

const DEFAULT_FULL_DIFF = 'Run `synth-diff` locally (see the package README) for the whole diff.';

/** Room kept for the note that says what was left out. */
const NOTE_RESERVE = 600;

/** Marker printed in a block's table row when its details were left out. */
const LEFT_OUT = ' (details left out)';

/** Whole blocks are left out in this order: a new block's full listing first, a changed block last. */
const LEAVE_OUT_ORDER: readonly BlockDiff['change'][] = ['added', 'removed', 'renamed', 'changed'];

/**
 * Renders a diff report as Markdown for a pull-request comment: a summary of every stack, then per
 * stack the changed blocks, attribute changes and policy statements, within a size budget.
 *
 * @example
 * process.stdout.write(renderMarkdown(diffStackSets(base, head)));
 */
export function renderMarkdown(report: DiffReport, options: RenderMarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_MARKDOWN_LENGTH;
  const compose = (detail: Detail, leftOut: ReadonlySet<BlockDiff>): string =>
    composeDocument(report, {
      title: options.title ?? 'Synth diff',
      detail,
      leftOut,
      fullDiff: options.fullDiff ?? DEFAULT_FULL_DIFF,
    });

  const full = compose('full', new Set());
  if (full.length <= maxLength) {
    return full;
  }
  const compact = compose('compact', new Set());
  if (compact.length <= maxLength) {
    return compact;
  }

  // Leave out whole blocks' details, never part of a value: new blocks first, largest first.
  const candidates = report.stacks
    .flatMap((stack) => stack.blocks)
    .map((block) => ({ block, size: renderBlock(block, 'compact').join('\n').length + 1 }))
    .filter((candidate) => candidate.size > 1)
    .sort(
      (a, b) =>
        LEAVE_OUT_ORDER.indexOf(a.block.change) - LEAVE_OUT_ORDER.indexOf(b.block.change) || b.size - a.size,
    );
  const leftOut = new Set<BlockDiff>();
  let excess = compact.length - maxLength + NOTE_RESERVE;
  let next = 0;
  for (; next < candidates.length && excess > 0; next += 1) {
    const candidate = candidates[next];
    if (candidate !== undefined) {
      leftOut.add(candidate.block);
      excess -= candidate.size - LEFT_OUT.length;
    }
  }
  let text = compose('compact', leftOut);
  for (; text.length > maxLength && next < candidates.length; next += 1) {
    const candidate = candidates[next];
    if (candidate !== undefined) {
      leftOut.add(candidate.block);
      text = compose('compact', leftOut);
    }
  }
  return text.length <= maxLength ? text : cutAtLine(text, maxLength, options.fullDiff ?? DEFAULT_FULL_DIFF);
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

interface ComposeOptions {
  readonly title: string;
  readonly detail: Detail;
  readonly leftOut: ReadonlySet<BlockDiff>;
  readonly fullDiff: string;
}

function composeDocument(report: DiffReport, options: ComposeOptions): string {
  const lines: string[] = [];
  if (options.title !== '') {
    lines.push(`## ${options.title}`, '');
  }
  lines.push(
    '_Compares the synthesized Terraform JSON of the base and head commits. It is not a Terraform plan: it cannot see drift, computed values or replacements forced by the provider._',
    '',
  );
  if (options.leftOut.size > 0) {
    lines.push(
      `> **Shortened to fit a comment.** Less unchanged context is shown, and the details of ${options.leftOut.size} block(s) marked _details left out_ in the tables are not shown; every value that is shown is whole. ${options.fullDiff}`,
      '',
    );
  } else if (options.detail === 'compact') {
    lines.push(
      `> **Shortened to fit a comment:** less unchanged context around each change; every change is shown. ${options.fullDiff}`,
      '',
    );
  }
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
    lines.push(...renderStack(stack, options));
  }
  return lines.join('\n').trimEnd() + '\n';
}

function renderStack(stack: StackDiff, options: ComposeOptions): string[] {
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
    const change = options.leftOut.has(block) ? `${block.change}${LEFT_OUT}` : block.change;
    lines.push(`| ${change} | ${address} | ${block.provider === undefined ? '' : code(block.provider)} |`);
  }
  lines.push('');
  for (const block of stack.blocks) {
    if (!options.leftOut.has(block)) {
      lines.push(...renderBlock(block, options.detail));
    }
  }
  return lines;
}

function describeCounts(counts: DiffCounts): string {
  const parts = (['added', 'changed', 'removed', 'renamed'] as const)
    .filter((kind) => counts[kind] > 0)
    .map((kind) => `${counts[kind]} ${kind}`);
  return parts.length === 0 ? 'no resources' : parts.join(', ');
}

/** Last resort, when even the tables of changed addresses exceed the budget: cut at a line end. */
function cutAtLine(markdown: string, maxLength: number, fullDiff: string): string {
  const note = `\n\n> **Output cut to fit a comment:** the lists above end early. ${fullDiff}\n`;
  const room = Math.max(0, maxLength - note.length);
  const cut = markdown.lastIndexOf('\n', room);
  return markdown.slice(0, cut > 0 ? cut : room) + note;
}
