/** Whitespace only: trims every line, collapses runs of spaces, drops empty lines. */
export function tidyText(value: string | undefined): string | null {
  if (value === undefined) return null;
  const lines = value
    .split('\n')
    .map((line) => line.replace(/[\s\u00A0\u2007\u2009\u202F]+/gu, ' ').trim())
    .filter((line) => line !== '');
  return lines.length ? lines.join('\n') : null;
}

/** One line, collapsed: for headings and messages. */
export function oneLine(value: string): string {
  return value.replace(/[\s\u00A0\u2007\u2009\u202F]+/gu, ' ').trim();
}
