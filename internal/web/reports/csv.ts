export type Cell = string | number | boolean | Date | null | undefined;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (= + - @, tab, carriage return first) is prefixed with
 * a quote mark: a member named "=HYPERLINK(...)" must not run in the admin's spreadsheet.
 * Numbers stay numbers, negative group ids included.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let text = value instanceof Date ? value.toISOString() : value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: the header row, then one row per item, CRLF line ends as RFC 4180 has them. */
export function toCsv<T>(columns: readonly (readonly [header: string, value: (row: T) => Cell])[], rows: readonly T[]): string {
  const lines = [columns.map(([h]) => csvCell(h)).join(',')];
  for (const row of rows) lines.push(columns.map(([, value]) => csvCell(value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
