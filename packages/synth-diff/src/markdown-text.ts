/** A Markdown code span that survives backticks in the text; line breaks are shown as `\n`. */
export function code(text: string): string {
  const flat = text.replace(/\r?\n/g, '\\n');
  if (!flat.includes('`')) {
    return `\`${flat}\``;
  }
  return `\`\` ${flat} \`\``;
}

/** Table cells cannot hold a bare pipe. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/**
 * The text shown for a value given as JSON text: strings without their quotes, other values as
 * JSON. Undefined means the value is absent on that side.
 */
export function plainText(json: string): string {
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed === 'string') {
      return parsed;
    }
  } catch {
    // Not JSON (a placeholder): show it as it is.
  }
  return json;
}
