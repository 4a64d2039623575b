/** The changed part of a text on each side, with some unchanged text around it. */
export interface ChangedSpan {
  readonly before: string;
  readonly after: string;
}

/**
 * Cuts two versions of a long text down to the part that differs plus `context` characters on each
 * side, marking the cuts with `…`. The differing part itself is never cut: a change anywhere in the
 * text (its start, middle or end) is shown, unlike a prefix of fixed length.
 *
 * @example
 * changedSpan('a long text that ends in old', 'a long text that ends in new', 5);
 * // { before: '…s in old', after: '…s in new' }
 */
export function changedSpan(before: string, after: string, context: number): ChangedSpan {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before[prefix] === after[prefix]) {
    prefix += 1;
  }
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  ) {
    suffix += 1;
  }
  const start = Math.max(0, prefix - context);
  const cut = (text: string): string => {
    const end = Math.min(text.length, text.length - suffix + context);
    return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  };
  return { before: cut(before), after: cut(after) };
}
