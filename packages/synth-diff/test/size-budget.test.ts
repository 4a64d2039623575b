/**
 * The comment's size budget, on the largest diff a shipped environment can produce: the real prod
 * stack added from nothing (every block new, every attribute listed).
 */
import { diffStacks } from '../src/diff-stacks';
import { renderMarkdown } from '../src/render-markdown';
import type { DiffReport, JsonObject } from '../src/types';
import { changedResourceReport } from './helpers/fixtures';
import { realStacks } from './helpers/real-stacks';

const PROD = realStacks().get('prod') as JsonObject;
const WHOLE_PROD: DiffReport = { stacks: [diffStacks('prod', undefined, { name: 'prod', document: PROD })] };
const FULL_DIFF = 'The whole diff is in the [job summary](https://example.test/run/1).';

describe('renderMarkdown size budget', () => {
  it('prints everything when it fits', () => {
    const markdown = renderMarkdown(WHOLE_PROD, { maxLength: 10_000_000 });
    expect(markdown).not.toContain('Shortened');
    expect(markdown).not.toContain('details left out');
  });

  it('stays within the budget, says what it left out and where the whole diff is', () => {
    const full = renderMarkdown(WHOLE_PROD, { maxLength: 10_000_000 });
    const markdown = renderMarkdown(WHOLE_PROD, { maxLength: 50_000, fullDiff: FULL_DIFF });
    expect(full.length).toBeGreaterThan(50_000);
    expect(markdown.length).toBeLessThanOrEqual(50_000);
    expect(markdown).toContain('**Shortened to fit a comment.**');
    expect(markdown).toContain(FULL_DIFF);
    // Every block keeps its row; the ones without details are marked.
    for (const block of WHOLE_PROD.stacks[0]?.blocks ?? []) {
      expect(markdown).toContain(`\`${block.address}\``);
    }
    expect(markdown).toMatch(/\| added \(details left out\) \|/);
  });

  it('leaves out whole blocks, never part of a value: every shown block section is as in the full rendering', () => {
    const full = renderMarkdown(WHOLE_PROD, { maxLength: 10_000_000 });
    const markdown = renderMarkdown(WHOLE_PROD, { maxLength: 50_000 });
    const sections = markdown.split('\n#### ').slice(1);
    expect(sections.length).toBeGreaterThan(10);
    for (const section of sections) {
      // Added blocks have no unchanged context to trim, so their sections are identical.
      expect(full).toContain(`\n#### ${section.trimEnd()}\n`);
    }
  });

  it('trims unchanged context before leaving out any block', () => {
    const long = `${'a'.repeat(2_000)}-old-${'b'.repeat(2_000)}`;
    const report = changedResourceReport(
      Array.from({ length: 40 }, (_item, index) => ({
        path: `value${index}`,
        before: JSON.stringify(long),
        after: JSON.stringify(long.replace('-old-', `-new${index}-`)),
        redacted: false,
      })),
    );
    const full = renderMarkdown(report);
    const budget = full.length - 100;
    const markdown = renderMarkdown(report, { maxLength: budget });
    expect(markdown.length).toBeLessThanOrEqual(budget);
    expect(markdown).toContain('less unchanged context around each change; every change is shown');
    expect(markdown).not.toContain('details left out');
    for (let index = 0; index < 40; index += 1) {
      expect(markdown).toContain(`-new${index}-`);
    }
  });
});
