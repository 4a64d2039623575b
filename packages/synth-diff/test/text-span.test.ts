import { changedSpan } from '../src/text-span';

describe('changedSpan', () => {
  it('shows a change at the end of a long text, where a prefix would hide it', () => {
    const start = 'x'.repeat(500);
    expect(changedSpan(`${start}AssumeRole`, `${start}AssumeRoleX`, 5)).toEqual({
      before: '…eRole',
      after: '…eRoleX',
    });
  });

  it('keeps context on both sides of a change in the middle and never cuts the change', () => {
    const span = changedSpan(
      `${'a'.repeat(50)}OLD-VALUE${'b'.repeat(50)}`,
      `${'a'.repeat(50)}new${'b'.repeat(50)}`,
      3,
    );
    expect(span).toEqual({ before: '…aaaOLD-VALUEbbb…', after: '…aaanewbbb…' });
  });

  it('returns short texts whole when the context covers them', () => {
    expect(changedSpan('abc', 'abd', 10)).toEqual({ before: 'abc', after: 'abd' });
  });
});
