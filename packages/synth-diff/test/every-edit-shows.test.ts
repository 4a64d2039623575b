/**
 * Property test over the real synthesized stacks (cdktf.out, written by `npm run synth`; turbo runs
 * `@credential-rotation/infra#synth` first): whatever single-character or single-element edit is
 * made anywhere in any block, JSON documents inside strings included, the rendered comment never
 * says "no changes" and shows the changed characters. This is the guard against a change hiding
 * behind a cut value, as `AssumeRole` -> `AssumeRoleX` in an event pattern once did.
 */
import fc from 'fast-check';
import { SECRET_ATTRIBUTE_PATTERN } from '../src/constants';
import { diffStacks } from '../src/diff-stacks';
import { renderMarkdown, stackSummary } from '../src/render-markdown';
import type { JsonObject } from '../src/types';
import { applyEdit, editSites, onlyBlock } from './helpers/edits';
import { realStacks } from './helpers/real-stacks';

const STACKS = realStacks();
const RUNS_PER_STACK = Number(process.env.TEST_SYNTH_DIFF_RUNS ?? 400);
/** Characters inserted or substituted, including the ones Markdown escapes or code spans trip on. */
const CHARS = [...'aZ09-_:/*.|`"\\$ {}[]\n'];

/** The ways the renderer may print a text: line breaks as `\n`, pipes escaped in tables, `$${` as IAM reads it. */
function printedForms(text: string): string[] {
  const forms = new Set<string>([text]);
  for (const form of [...forms]) forms.add(form.replace(/\r?\n/g, '\\n'));
  for (const form of [...forms]) forms.add(form.replace(/\|/g, '\\|'));
  for (const form of [...forms]) forms.add(form.replace(/\$\$\{/g, '${'));
  return [...forms];
}

describe.each([...STACKS.keys()])('synth-diff of one edit to the real %s stack', (name) => {
  const document = STACKS.get(name) as JsonObject;
  const sites = editSites(document);

  it('has many places to edit', () => {
    expect(sites.length).toBeGreaterThan(500);
  });

  it('never renders an edit as "no changes" and always shows the changed characters', () => {
    fc.assert(
      fc.property(
        fc.nat(sites.length - 1),
        fc.record({ op: fc.nat(5), position: fc.nat(10_000), char: fc.constantFrom(...CHARS) }),
        (index, choice) => {
          const site = sites[index];
          if (site === undefined) return;
          const edit = applyEdit(document, site, choice);
          // White space between JSON tokens is no change to AWS, to the provider, nor to the diff.
          fc.pre(!edit.equivalent);
          const base = onlyBlock(document, site.block);
          const head = onlyBlock(edit.document, site.block);
          const stack = diffStacks(name, { name, document: base }, { name, document: head });
          const markdown = renderMarkdown({ stacks: [stack] });
          const context = `${site.block.join('.')} ${edit.description}\n${markdown}`;

          expect({ context, summary: stackSummary(stack) }).not.toEqual({ context, summary: 'no changes' });
          const secretName = (segments: readonly (string | number)[]): boolean =>
            segments.some((segment) => SECRET_ATTRIBUTE_PATTERN.test(String(segment)));
          // A secret-named attribute or a sensitive block is hidden whole; inside a JSON document a
          // secret-named key is hidden too, except in a policy, whose condition keys may name passwords.
          const hidden = secretName(site.outer) || JSON.stringify(base).includes('"sensitive":true');
          const mayHide = secretName(edit.segments);
          const forms = edit.expected === undefined ? [] : printedForms(edit.expected);
          const shown = forms.some((form) => markdown.includes(form));
          if (hidden) {
            expect({ context, hidden: markdown.includes('(hidden)') }).toEqual({ context, hidden: true });
          } else if (edit.expected !== undefined) {
            const ok = shown || (mayHide && markdown.includes('(hidden)'));
            expect({ context, shown: ok }).toEqual({ context, shown: true });
          }
        },
      ),
      { numRuns: RUNS_PER_STACK },
    );
  });
});
