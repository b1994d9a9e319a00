/**
 * A streaming CSV tokenizer (RFC 4180, as spreadsheet programs write it): quoted fields with
 * doubled quotes, separators and line breaks inside quotes, CRLF, LF or CR line ends, and — as
 * csv-parse's `relax_quotes` — a quote inside an unquoted field kept as a character.
 *
 * Why not csv-parse at run time: on a province's members file (1.6 million rows) csv-parse alone
 * took about 12 s of CPU, more than everything else the import does in Node together; this
 * tokenizer scans with `indexOf` and `charCodeAt` and does the same in about a tenth of it.
 * The unit tests check it against csv-parse on random files cut into random chunks.
 */

/** Why the rest of a file cannot be read. */
export class CsvSyntaxError extends Error {
  constructor(readonly kind: 'quote' | 'too_long') {
    super(kind === 'quote' ? 'unclosed or misplaced quote' : 'record too long');
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

const enum State {
  /** At the start of a field (also of a record). */
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote met inside a quoted field: doubled, or the end of the field. */
  QuoteInQuoted,
  /** After a CR that ended a record: a following LF belongs to it. */
  AfterCr,
}

export class CsvTokenizer {
  private fields: string[] = [];
  /** The current field's text from earlier chunks. */
  private partial = '';
  private state = State.FieldStart;
  private started = false;
  private readonly delimiter: number;

  /**
   * @param delimiter one character (`,`, `;` or tab)
   * @param maxFieldLength longest field accepted (an unclosed quote would otherwise swallow the file)
   * @param maxFields most fields accepted in one record
   */
  constructor(
    delimiter: string,
    private readonly maxFieldLength = 1 << 20,
    private readonly maxFields = 10_000,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /**
   * Tokenizes the next piece of text, appending every record it completes to `out`.
   * @throws {CsvSyntaxError} records completed before the error are in `out`
   */
  push(chunk: string, out: string[][]): void {
    let text = chunk;
    // An empty first chunk (a decoder holding back a split BOM) must not end the BOM check.
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const n = text.length;
    const d = this.delimiter;
    let i = 0;
    let start = 0;
    let state = this.state;
    while (i < n) {
      if (state === State.FieldStart) {
        if (text.charCodeAt(i) === QUOTE) {
          state = State.Quoted;
          i += 1;
        } else state = State.Unquoted;
        start = i;
      } else if (state === State.Unquoted) {
        let j = i;
        let c = 0;
        for (; j < n; j++) {
          c = text.charCodeAt(j);
          if (c === d || c === LF || c === CR) break;
        }
        if (j === n) {
          this.partial += text.slice(start, n);
          if (this.partial.length > this.maxFieldLength) throw new CsvSyntaxError('too_long');
          i = n;
          break;
        }
        this.addField(this.partial === '' ? text.slice(start, j) : this.partial + text.slice(start, j));
        i = j + 1;
        if (c === d) state = State.FieldStart;
        else {
          out.push(this.endRecord());
          state = c === CR ? State.AfterCr : State.FieldStart;
        }
      } else if (state === State.Quoted) {
        const j = text.indexOf('"', i);
        if (j === -1) {
          this.partial += text.slice(start, n);
          if (this.partial.length > this.maxFieldLength) throw new CsvSyntaxError('too_long');
          i = n;
          break;
        }
        this.partial += text.slice(start, j);
        i = j + 1;
        state = State.QuoteInQuoted;
      } else if (state === State.QuoteInQuoted) {
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          this.partial += '"';
          i += 1;
          start = i;
          state = State.Quoted;
          continue;
        }
        if (c !== d && c !== LF && c !== CR) throw new CsvSyntaxError('quote');
        this.addField(this.partial);
        i += 1;
        if (c === d) state = State.FieldStart;
        else {
          out.push(this.endRecord());
          state = c === CR ? State.AfterCr : State.FieldStart;
        }
      } else {
        if (text.charCodeAt(i) === LF) i += 1;
        state = State.FieldStart;
      }
    }
    this.state = state;
  }

  /**
   * The end of the text: completes the last record when it has no line end.
   * @throws {CsvSyntaxError} when a quoted field is still open
   */
  end(out: string[][]): void {
    if (this.state === State.Quoted) throw new CsvSyntaxError('quote');
    if (this.state === State.QuoteInQuoted || this.state === State.Unquoted) {
      this.addField(this.partial);
      out.push(this.endRecord());
    } else if (this.state === State.FieldStart && this.fields.length > 0) {
      this.addField('');
      out.push(this.endRecord());
    }
    this.state = State.FieldStart;
  }

  private addField(value: string): void {
    // Checked here too, so the limit holds however the text was cut into chunks.
    if (value.length > this.maxFieldLength) throw new CsvSyntaxError('too_long');
    this.fields.push(value);
    this.partial = '';
    if (this.fields.length > this.maxFields) throw new CsvSyntaxError('too_long');
  }

  private endRecord(): string[] {
    const record = this.fields;
    this.fields = [];
    return record;
  }
}
