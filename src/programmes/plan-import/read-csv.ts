/**
 * CSV in, rows of cells out: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1251 as
 * Russian-locale Excel saves it (reported as a warning); comma, semicolon or tab separated
 * (detected from the header line). A file csv-parse cannot read is an issue, not an exception.
 */
import { parse } from 'csv-parse/sync';
import { planIssue } from './issues.js';
import type { PlanIssue, PlanSheet } from './types.js';

function decode(input: Uint8Array, issues: PlanIssue[]): string {
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(input.subarray(3));
  }
  if (input[0] === 0xff && input[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(input.subarray(2));
  if (input[0] === 0xfe && input[1] === 0xff)
    return new TextDecoder('utf-16be').decode(input.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    issues.push(
      planIssue(
        'file_encoding',
        'file',
        'the file is not UTF-8; it was read as Windows-1251 (Cyrillic)',
        {
          expected: 'utf-8',
          actual: 'windows-1251',
        },
      ),
    );
    return new TextDecoder('windows-1251').decode(input);
  }
}

/** The separator used most on the first line, outside quotes. */
function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '\n') break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

export function parsePlanCsv(input: Buffer | Uint8Array | string): PlanSheet {
  const issues: PlanIssue[] = [];
  const raw = typeof input === 'string' ? input.replace(/^\uFEFF/u, '') : decode(input, issues);
  const text = raw.replace(/\r\n?/gu, '\n');
  if (text.trim() === '') return { rows: [], issues };
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    issues.push(
      planIssue('file_unreadable', 'file', `not a readable CSV file: ${(error as Error).message}`),
    );
    return { rows: [], issues };
  }
  return { rows: records.map((cells, index) => ({ rowNumber: index + 1, cells })), issues };
}
