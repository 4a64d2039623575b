// Renders the preview comment shown in docs/delivery/pipelines.md from the `example` fixture, the
// way the pull-request workflow composes it for a stack without a Terraform Cloud plan.
//   npx tsx scripts/render-example.ts               print it
//   npx tsx scripts/render-example.ts --write-docs  refresh the block in docs/delivery/pipelines.md
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diffStackSets } from '../src/diff-stacks';
import { loadStacks } from '../src/load-stacks';
import { renderMarkdown } from '../src/render-markdown';

export const PIPELINES_DOC = resolve(__dirname, '..', '..', '..', 'docs', 'delivery', 'pipelines.md');
export const EXAMPLE_START = '<!-- preview-example:start -->';
export const EXAMPLE_END = '<!-- preview-example:end -->';

/** The example comment for the `dev` stack of the example fixture. */
export function renderExampleComment(): string {
  const fixture = join(__dirname, '..', 'test', 'fixtures', 'example');
  const report = diffStackSets(
    loadStacks(join(fixture, 'base'), '--base'),
    loadStacks(join(fixture, 'head'), '--head'),
  );
  const dev = { stacks: report.stacks.filter((stack) => stack.stack === 'dev') };
  return [
    '## Preview of stack `dev`',
    '',
    '_No Terraform Cloud plan: the stack has no Terraform Cloud workspace (local backend). The synth diff below is the preview._',
    '',
    renderMarkdown(dev, { title: '' }).trimEnd(),
    '',
    '<sub>Head commit 3f2c1e0.</sub>',
  ].join('\n');
}

/** The example as it appears in the doc: a block quote, so it renders like the comment. */
export function quoted(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}

if (require.main === module) {
  const comment = renderExampleComment();
  if (process.argv.includes('--write-docs')) {
    const doc = readFileSync(PIPELINES_DOC, 'utf8');
    const start = doc.indexOf(EXAMPLE_START);
    const end = doc.indexOf(EXAMPLE_END);
    if (start === -1 || end === -1) {
      throw new Error(`${PIPELINES_DOC} lacks the ${EXAMPLE_START} / ${EXAMPLE_END} markers`);
    }
    writeFileSync(
      PIPELINES_DOC,
      `${doc.slice(0, start + EXAMPLE_START.length)}\n\n${quoted(comment)}\n\n${doc.slice(end)}`,
    );
  } else {
    process.stdout.write(`${comment}\n`);
  }
}
