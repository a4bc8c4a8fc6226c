import YAML from 'yaml';
import type { Row } from './body';

export const OUTPUT_FORMATS = ['table', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface Column {
  header: string;
  value: (row: Row) => unknown;
}

const write = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

/** json / yaml print the API's answer as it came (for scripts); table prints the columns. */
export function printList(rows: Row[], columns: Column[], format: OutputFormat): void {
  if (format !== 'table') return printData(rows, format);
  const cells = [columns.map((c) => c.header), ...rows.map((row) => columns.map((c) => cell(c.value(row))))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => line[i].length)));
  write(cells.map((line) => line.map((text, i) => (i === line.length - 1 ? text : text.padEnd(widths[i]))).join('  ').trimEnd()).join('\n'));
}

/** One object: `field: value` lines in table form. */
export function printItem(row: Row, format: OutputFormat): void {
  if (format !== 'table') return printData(row, format);
  const width = Math.max(0, ...Object.keys(row).map((k) => k.length)) + 1;
  const lines = Object.entries(row).map(([key, value]) => {
    const text = typeof value === 'string' ? value : cell(value);
    // multi-line values (PEM certificates) keep their lines, indented under the value column
    return `${`${key}:`.padEnd(width)} ${text.trimEnd().replaceAll('\n', `\n${' '.repeat(width + 1)}`)}`;
  });
  write(lines.join('\n'));
}

export function printData(data: unknown, format: Exclude<OutputFormat, 'table'>): void {
  write(format === 'json' ? JSON.stringify(data, null, 2) : YAML.stringify(data));
}

/** A table cell on one line: absent/null as `-`, string lists joined, anything else as compact JSON. */
function cell(value: unknown): string {
  if (value === undefined || value === null) return '-';
  if (typeof value === 'string') return value.split('\n')[0];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.length ? value.join(',') : '-';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
