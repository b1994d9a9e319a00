/**
 * The import's cell readers and CSV tokenizer on hostile cells, by fast-check: no reader throws;
 * each returns its value in the stored form or a problem; text that reaches the database is NFC,
 * within its length, free of control characters and of lone UTF-16 surrogates (which PostgreSQL's
 * json refuses and UTF-8 cannot carry); a problem never carries the cell's text; and the CSV
 * tokenizer gives the same records (or fails alike) however the text is cut into chunks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, CsvTokenizer } from '../../src/modules/imports/csv-records.js';
import {
  type Cell,
  CellProblem,
  readBoolean,
  readCitizenIdShape,
  readCommuneCode,
  readDate,
  readFloorArea,
  readHouseholdCode,
  readMoney,
  readScore,
  readText,
} from '../../src/modules/imports/import-values.js';

const HOSTILE = ['=cmd|\' /C calc\'!A0', '+1', '-1', '@A1', '\t=1', '\u0000', 'a\ud800b', '\udfff', '\uFEFF', 'Nguyễn'.normalize('NFD'), 'x'.repeat(5_000), '1e309', '١٢٣', '٫5', '31/02/2024', '00/00/0000', '2024-02-30', '1.2.3', '--1', '1.000.000.000.000.000.000'];

const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e21, 0.005, 123456789012),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: false }),
);

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function storedText(value: unknown): void {
  if (typeof value !== 'string') return;
  expect(value).toBe(value.normalize('NFC'));
  expect(value).not.toMatch(CONTROL);
  expect(value).not.toMatch(LONE_SURROGATE);
}

describe('cell readers on hostile cells', () => {
  it('never throw, and give a stored form or a problem without the cell text', () => {
    const readers: [string, (c: Cell) => unknown][] = [
      ['text', (c) => readText(c, 200)],
      ['household code', readHouseholdCode],
      ['commune code', readCommuneCode],
      ['boolean', readBoolean],
      ['date', readDate],
      ['money', readMoney],
      ['score', readScore],
      ['floor area', readFloorArea],
      ['citizen id', readCitizenIdShape],
    ];
    fc.assert(
      fc.property(cell, (value) => {
        for (const [name, read] of readers) {
          let result: unknown;
          expect(() => (result = read(value)), name).not.toThrow();
          if (result instanceof CellProblem) {
            if (typeof value === 'string' && value.length >= 4) expect(JSON.stringify(result.params ?? {}), name).not.toContain(value);
          } else storedText(result);
          if (name === 'text' && typeof result === 'string') expect(result.length).toBeLessThanOrEqual(200);
          if (typeof result === 'number') expect(Number.isFinite(result), `${name}: ${String(value)}`).toBe(true);
          if (name === 'date' && typeof result === 'string') {
            expect(result).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            expect(new Date(`${result}T00:00:00Z`).toISOString().slice(0, 10)).toBe(result);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('CSV tokenizer on hostile text', () => {
  const tokenize = (chunks: readonly string[]) => {
    const tokenizer = new CsvTokenizer(',', 2_000, 200);
    const out: string[][] = [];
    try {
      for (const chunk of chunks) tokenizer.push(chunk, out);
      tokenizer.end(out);
      return { out, error: null };
    } catch (error) {
      expect(error).toBeInstanceOf(CsvSyntaxError);
      return { out, error: (error as CsvSyntaxError).kind };
    }
  };

  it('gives the same records, or fails, however the text is cut', () => {
    const piece = fc.oneof(fc.constantFrom('"', '""', ',', '\r', '\n', '\r\n', '\uFEFF', 'x'.repeat(2_100), 'a"b'), fc.string({ unit: 'binary', maxLength: 8 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), (pieces, cuts) => {
        const text = pieces.join('');
        const whole = tokenize([text]);
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((start, i) => text.slice(start, [...points, text.length][i]));
        const cut = tokenize(chunks);
        // Either both read or both stop; which limit is met first (an open quote or a field too
        // long) may depend on where a chunk ends.
        expect(cut.error === null).toBe(whole.error === null);
        if (whole.error === null) expect(cut.out).toEqual(whole.out);
        for (const record of whole.out) expect(record.length).toBeLessThanOrEqual(200);
      }),
      { numRuns: 1000 },
    );
  });
});
