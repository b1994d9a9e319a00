/**
 * The one error the reference-data readers throw: it names the file, the row (a CSV line
 * number, or the path of a JSON record) and the field, so whoever edits the data knows exactly
 * what to fix.
 */
export class ReferenceDataError extends Error {
  override readonly name = 'ReferenceDataError';

  constructor(
    /** The file, relative to the working directory when it lies below it. */
    readonly file: string,
    /** The 1-based line of a CSV record, the path of a JSON record (`programs[0].projects[2]`), or null. */
    readonly row: number | string | null,
    /** The column or JSON key, or null when the problem is the whole row or file. */
    readonly field: string | null,
    /** What is wrong, in one sentence. */
    readonly problem: string,
  ) {
    super(describeLocation(file, row, field) + ': ' + problem);
  }
}

function describeLocation(file: string, row: number | string | null, field: string | null): string {
  const parts = [file];
  if (typeof row === 'number') parts.push(`row ${row}`);
  else if (row !== null && row !== '') parts.push(`at ${row}`);
  if (field !== null) parts.push(`field "${field}"`);
  return parts.join(', ');
}
