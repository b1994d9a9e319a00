import { describe, expect, it } from 'vitest';
import {
  JsonLinesDecoder,
  classifyRecords,
  classifyText,
  detectFormat,
  readInputText,
  summarizeText,
  unusableInput,
  type InputEntry,
} from '../../../src/domain/poverty/index.js';
import { standards } from './poverty-fixtures.js';

const ok = (id: string, extra = '') =>
  `{"id":"${id}","year":2025,"area":"rural","incomePerCapita":1000000,"deprivations":[]${extra}}`;

function decode(chunks: readonly string[]): { entries: InputEntry[]; end: string | undefined } {
  const entries: InputEntry[] = [];
  const decoder = new JsonLinesDecoder((e) => entries.push(e));
  for (const c of chunks) decoder.push(c);
  return { entries, end: decoder.finish() };
}

function lines(entries: readonly InputEntry[]): (string | number)[] {
  return entries.map((e) => (e.kind === 'record' ? `record@${e.position.line}` : e.line));
}

describe('JSON Lines decoding', () => {
  it('splits lines across arbitrary chunk boundaries, with CRLF, BOM and no final newline', () => {
    const text = `\uFEFF${ok('A')}\r\n\r\n${ok('B')}\n${ok('C')}`;
    for (const size of [1, 2, 7, 64, text.length]) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      const { entries, end } = decode(chunks);
      expect(end).toBeUndefined();
      expect(lines(entries)).toEqual(['record@1', 'record@3', 'record@4']);
    }
  });

  it('numbers broken lines as an editor does and keeps input order', () => {
    const { entries, end } = decode([`not json\n${ok('A')}\n\n{"id":\n${ok('B')}\n`]);
    expect(end).toBeUndefined();
    expect(lines(entries)).toEqual([1, 'record@2', 4, 'record@5']);
  });

  it('an input where no line parses is not JSON, and nothing is emitted', () => {
    const { entries, end } = decode(['hello\nworld\n']);
    expect(end).toBe('not_json');
    expect(entries).toEqual([]);
  });

  it('white space only is empty', () => {
    expect(decode([' \n\t\r\n']).end).toBe('empty_input');
    expect(decode([]).end).toBe('empty_input');
  });
});

describe('reading a whole input', () => {
  it('detects the format from the first character', () => {
    expect(detectFormat('  \n [')).toBe('json_array');
    expect(detectFormat('\uFEFF{')).toBe('json_lines');
    expect(detectFormat(' \n')).toBeUndefined();
  });

  it('reads JSON arrays, with positions', () => {
    const input = readInputText(`\uFEFF[${ok('A')}, 5]`);
    expect(input).toMatchObject({ ok: true, entries: [{ kind: 'record', position: { index: 0 } }, { kind: 'record', value: 5, position: { index: 1 } }] });
    expect(readInputText('[]')).toEqual({ ok: true, entries: [] });
  });

  it.each([
    ['', 'empty_input'],
    ['   \n', 'empty_input'],
    ['[{"id": "A"', 'invalid_json_array'],
    ['id,year\nA,2025\n', 'not_json'],
  ])('%j is unusable: %s', (text, code) => {
    expect(readInputText(text)).toEqual({ ok: false, code });
  });
});

describe('classifyText (shared by the CLI and the API)', () => {
  it('classifies every record in order and flags invalid ones', () => {
    const out = classifyText(`${ok('A')}\nnot json\n${ok('B', ',"year":2031')}\n`, standards);
    if (!out.ok) throw new Error('expected outcomes');
    expect(out.allClassified).toBe(false);
    expect(out.outcomes).toEqual([
      { id: 'A', standard: 'VN-MPS-2022', status: 'near_poor', deprivations: [], deprivationCount: 0, scoreB: 0, incomeBasis: 'income' },
      { id: null, error: { code: 'invalid_field', field: '', message: 'Dòng 2: dòng này không phải là JSON hợp lệ.' } },
      { id: 'B', error: expect.objectContaining({ code: 'no_standard_for_year', field: 'year' }) },
    ]);
  });

  it('answers in English on request', () => {
    const out = classifyText('[5]', standards, { lang: 'en' });
    expect(out).toMatchObject({ ok: true, allClassified: false, outcomes: [{ id: null, error: { message: 'Record 1: the record is not a JSON object.' } }] });
    const broken = classifyText(`${ok('A')}\n{`, standards, { lang: 'en' });
    expect(broken.ok && broken.outcomes[1]).toMatchObject({ id: null, error: { field: '', message: 'Line 2: the line is not valid JSON.' } });
  });

  it('classifyRecords gives the same outcomes as classifyText on the same JSON array', () => {
    const records = [JSON.parse(ok('A')) as unknown, 5, { id: 'X', year: 2031 }];
    const fromText = classifyText(JSON.stringify(records), standards, { lang: 'en' });
    expect(fromText.ok && { outcomes: fromText.outcomes, allClassified: fromText.allClassified }).toEqual(
      classifyRecords(records, standards, { lang: 'en' }),
    );
  });

  it('reports unusable input with a one-line message', () => {
    expect(classifyText('', standards)).toEqual({ ok: false, error: { code: 'empty_input', message: 'Đầu vào trống: không có bản ghi nào để xử lý.' } });
    const en = classifyText('oops', standards, { lang: 'en' });
    expect(en).toMatchObject({ ok: false, error: { code: 'not_json' } });
    expect(en.ok ? '' : en.error.message).not.toContain('\n');
  });
});

describe('summarizeText', () => {
  it('summarises with groups and counts broken lines as invalid', () => {
    const out = summarizeText(`${ok('A', ',"unitCode":"9"')}\nbroken\n${ok('B')}`, standards, { groupBy: 'unit' });
    if (!out.ok) throw new Error('expected a summary');
    expect(out.summary).toMatchObject({ households: 2, invalid: 1, counts: { near_poor: 2 } });
    expect(out.summary.groups?.map((g) => g.key)).toEqual(['9', 'unknown']);
  });

  it('refuses mixed standards with a message naming both', () => {
    const out = summarizeText(`${ok('A')}\n${ok('B', ',"year":2027')}`, standards, { lang: 'en' });
    expect(out).toEqual({
      ok: false,
      error: { code: 'mixed_standards', message: 'The records belong to different poverty standards (VN-MPS-2022, VN-MPS-2027); a summary covers one standard only.' },
    });
  });
});

describe('unusable-input messages', () => {
  it.each(['empty_input', 'not_json', 'invalid_json_array', 'unreadable', 'mixed_standards', 'standards_unavailable'] as const)(
    '%s has a Vietnamese and an English line',
    (code) => {
      const vi = unusableInput(code, 'vi', { file: 'a.jsonl', cause: 'x', standards: ['S1', 'S2'] });
      const en = unusableInput(code, 'en', { file: 'a.jsonl', cause: 'x', standards: ['S1', 'S2'] });
      expect(vi.code).toBe(code);
      expect(vi.message).not.toBe(en.message);
      expect(vi.message).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựđ]/);
      expect(`${vi.message}${en.message}`).not.toContain('\n');
    },
  );

  it('names stdin when the file is "-"', () => {
    expect(unusableInput('unreadable', 'en', { file: '-', cause: 'EIO' }).message).toBe('Cannot read standard input: EIO.');
  });
});
