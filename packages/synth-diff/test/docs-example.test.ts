import { readFileSync } from 'node:fs';
import {
  EXAMPLE_END,
  EXAMPLE_START,
  PIPELINES_DOC,
  quoted,
  renderExampleComment,
} from '../scripts/render-example';

describe('docs/delivery/pipelines.md', () => {
  it('shows the preview comment exactly as synth-diff renders the example fixture', () => {
    const doc = readFileSync(PIPELINES_DOC, 'utf8');
    const start = doc.indexOf(EXAMPLE_START);
    const end = doc.indexOf(EXAMPLE_END);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    // When this fails, refresh the doc: npx tsx scripts/render-example.ts --write-docs
    expect(doc.slice(start + EXAMPLE_START.length, end).trim()).toBe(quoted(renderExampleComment()));
  });
});
