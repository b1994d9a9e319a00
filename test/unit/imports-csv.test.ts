/** The import's CSV tokenizer, against csv-parse on random files cut into random chunks. */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CsvSyntaxError, CsvTokenizer } from '../../src/modules/imports/csv-records.js';

function tokenize(text: string, cuts: readonly number[] = [], delimiter = ','): string[][] {
  const tokenizer = new CsvTokenizer(delimiter);
  const out: string[][] = [];
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    tokenizer.push(text.slice(at, cut), out);
    at = cut;
  }
  tokenizer.push(text.slice(at), out);
  tokenizer.end(out);
  return out;
}

/** As spreadsheet programs write CSV: a field is quoted when it holds a separator, a quote or a line break. */
function encode(records: readonly (readonly string[])[], lineEnd: string, delimiter = ','): string {
  return records
    .map((record) => record.map((field) => (/[",;\t\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(delimiter))
    .join(lineEnd);
}

describe('CSV tokenizer', () => {
  test('quotes, doubled quotes, separators and line breaks inside quotes', () => {
    expect(tokenize('a,"b,c","d""e","f\r\ng"\r\nh,,\n')).toEqual([['a', 'b,c', 'd"e', 'f\r\ng'], ['h', '', '']]);
  });

  test('CRLF, LF and CR line ends; a last line without one; a BOM', () => {
    expect(tokenize('\uFEFFa,b\r\nc,d\re,f\ng,h')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h']]);
  });

  test('a blank line is a record of one empty field, and the final line end adds nothing', () => {
    expect(tokenize('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
  });

  test('a quote inside an unquoted field is kept', () => {
    expect(tokenize('Nguyễn "Tí" Văn,x\n')).toEqual([['Nguyễn "Tí" Văn', 'x']]);
  });

  test('an unclosed quote, and text after a closing quote, are errors', () => {
    expect(() => tokenize('a,"b\nc\n')).toThrow(CsvSyntaxError);
    expect(() => tokenize('a,"b"c\n')).toThrow(CsvSyntaxError);
  });

  test('a field longer than the limit is an error, not a swallowed file', () => {
    const tokenizer = new CsvTokenizer(',', 100);
    expect(() => tokenizer.push(`"${'x'.repeat(200)}`, [])).toThrow(/too long/);
  });

  test('reads what csv-parse reads, however the text is cut', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'ă', 'Đ', ' ', ',', ';', '"', '\n', '\r', 'x', '1', 'ệ', '\t'), maxLength: 12 });
    const records = fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        records,
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom(',', ';', '\t'),
        fc.array(fc.nat(), { maxLength: 6 }),
        (rows, lineEnd, delimiter, cuts) => {
          const text = encode(rows, lineEnd, delimiter) + lineEnd;
          const expected = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
          const positions = cuts.map((cut) => cut % (text.length + 1));
          expect(tokenize(text, positions, delimiter)).toEqual(expected);
          expect(tokenize(text, positions, delimiter)).toEqual(rows);
        },
      ),
      { numRuns: 500 },
    );
  });
});
