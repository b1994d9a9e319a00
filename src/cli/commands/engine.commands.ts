/**
 * `gnbv classify FILE` and `gnbv summarize FILE` (SPEC §5.5–5.7): read assessment records from a
 * file or stdin (`-`), as a JSON array or JSON Lines, and print JSON Lines / one JSON summary.
 * JSON Lines are processed as they arrive, so memory stays flat whatever the file size.
 */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { Option, type Command } from 'commander';
import {
  GROUP_BY_VALUES,
  JsonLinesDecoder,
  SummaryBuilder,
  addEntryToSummary,
  assessEntry,
  detectFormat,
  formatOutcome,
  parseJsonArray,
  parseStandardsFile,
  unusableInput,
  type GroupBy,
  type InputEntry,
  type Lang,
  type PovertyStandard,
  type UnusableInput,
} from '../../domain/poverty/index.js';

/** `reference/standards.json` of this package, wherever the command is run from. */
export const STANDARDS_FILE_URL = new URL('../../../reference/standards.json', import.meta.url);

/** Exit codes of `gnbv classify` (SPEC §5.7). */
export const EXIT_OK = 0;
export const EXIT_UNUSABLE = 1;
export const EXIT_SOME_INVALID = 2;

/** The process streams a command uses; tests may pass their own. */
export interface EngineIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

const LANGS: readonly Lang[] = ['vi', 'en'];
const OUTPUT_BATCH_CHARS = 1 << 18;

interface ErrnoLike {
  readonly code?: unknown;
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as ErrnoLike).code : undefined;
}

/** An error of the file system or a stream (`ENOENT`, `EISDIR`, …), as opposed to a bug. */
function isSystemError(error: unknown): boolean {
  const code = errorCode(error);
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

function readCause(error: unknown, lang: Lang): string {
  const code = errorCode(error);
  const vi = lang === 'vi';
  switch (code) {
    case 'ENOENT': return vi ? 'tệp không tồn tại' : 'no such file';
    case 'EACCES':
    case 'EPERM': return vi ? 'không có quyền đọc' : 'permission denied';
    case 'EISDIR': return vi ? 'đây là một thư mục' : 'it is a directory';
    default: return typeof code === 'string' ? code : vi ? 'lỗi đọc dữ liệu' : 'read error';
  }
}

let standardsCache: Promise<PovertyStandard[]> | undefined;

/** Loads and checks `reference/standards.json` once per process. */
export function loadStandards(): Promise<PovertyStandard[]> {
  standardsCache ??= readFile(STANDARDS_FILE_URL, 'utf8').then((text) => parseStandardsFile(JSON.parse(text)));
  return standardsCache;
}

async function standardsOrFailure(lang: Lang): Promise<PovertyStandard[] | UnusableInput> {
  try {
    return await loadStandards();
  } catch (e) {
    standardsCache = undefined;
    const cause = e instanceof Error && e.name === 'StandardsFileError' ? e.message : readCause(e, lang);
    return unusableInput('standards_unavailable', lang, { cause });
  }
}

/** Buffers output lines and writes them in batches, waiting when the reader is slower. */
class BatchWriter {
  private parts: string[] = [];
  private size = 0;
  private closed = false;

  constructor(private readonly out: Writable) {
    // A closed pipe (`gnbv classify f | head`) ends the output quietly instead of crashing.
    out.on('error', () => {
      this.closed = true;
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  line(text: string): void {
    this.parts.push(text);
    this.size += text.length + 1;
  }

  async flushIfFull(): Promise<void> {
    if (this.size >= OUTPUT_BATCH_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join('\n') + '\n';
    this.parts = [];
    this.size = 0;
    if (this.closed) return;
    if (!this.out.write(text)) {
      try {
        await once(this.out, 'drain');
      } catch {
        this.closed = true;
      }
    }
  }
}

/**
 * Feeds every entry of the input to `onEntry` in input order. `onEntry` returns false to stop.
 * `afterBatch` runs between chunks so output can be flushed with back-pressure.
 * Returns why the input is unusable, or `undefined`.
 */
async function forEachEntry(
  file: string,
  io: EngineIo,
  lang: Lang,
  onEntry: (entry: InputEntry) => boolean,
  afterBatch: () => Promise<void>,
): Promise<UnusableInput | undefined> {
  let stream: Readable | undefined;
  try {
    stream = file === '-' ? io.stdin : createReadStream(file, { highWaterMark: 1 << 20 });
    stream.setEncoding('utf8');
    let format: 'json_array' | 'json_lines' | undefined;
    const arrayParts: string[] = [];
    let stopped = false;
    const decoder = new JsonLinesDecoder((entry) => {
      if (!stopped && !onEntry(entry)) stopped = true;
    });
    for await (const chunk of stream) {
      const text = typeof chunk === 'string' ? chunk : String(chunk);
      // Until the first non-blank character the text goes to the decoder, which only counts
      // the blank lines, so line numbers stay right and nothing piles up in memory.
      format ??= detectFormat(text);
      if (format === 'json_array') {
        arrayParts.push(text);
      } else {
        decoder.push(text);
        await afterBatch();
        if (stopped) break;
      }
    }
    if (format === undefined) return unusableInput('empty_input', lang);
    if (format === 'json_lines') {
      if (stopped) return undefined;
      const unusable = decoder.finish();
      return unusable ? unusableInput(unusable, lang) : undefined;
    }
    const parsed = parseJsonArray(arrayParts.join(''));
    arrayParts.length = 0;
    if (!parsed.ok) return unusableInput(parsed.code, lang);
    for (let i = 0; i < parsed.entries.length; i++) {
      const entry = parsed.entries[i];
      if (entry && !onEntry(entry)) break;
      if (i % 1024 === 1023) await afterBatch();
    }
    return undefined;
  } catch (e) {
    if (!isSystemError(e)) throw e;
    return unusableInput('unreadable', lang, { file, cause: readCause(e, lang) });
  } finally {
    if (stream && stream !== io.stdin) stream.destroy();
  }
}

function reportUnusable(io: EngineIo, problem: UnusableInput): number {
  io.stderr.write(`${problem.message}\n`);
  return EXIT_UNUSABLE;
}

function internalError(io: EngineIo, lang: Lang, e: unknown): number {
  const detail = e instanceof Error ? e.message : String(e);
  io.stderr.write(lang === 'vi' ? `Lỗi nội bộ: ${detail}\n` : `Internal error: ${detail}\n`);
  return EXIT_UNUSABLE;
}

/**
 * `gnbv classify FILE`: one JSON line per record, in input order.
 * @returns the exit code: 0 all classified, 2 some records invalid, 1 unusable input.
 */
export async function runClassify(file: string, lang: Lang, io: EngineIo): Promise<number> {
  try {
    const standards = await standardsOrFailure(lang);
    if (!Array.isArray(standards)) return reportUnusable(io, standards);
    const writer = new BatchWriter(io.stdout);
    let invalid = 0;
    const problem = await forEachEntry(
      file,
      io,
      lang,
      (entry) => {
        const a = assessEntry(entry, standards, lang);
        if (a.ok) {
          writer.line(formatOutcome(a.result));
        } else {
          invalid++;
          writer.line(formatOutcome(a.failure));
        }
        return !writer.isClosed;
      },
      () => writer.flushIfFull(),
    );
    if (problem) return reportUnusable(io, problem);
    await writer.flush();
    return invalid > 0 ? EXIT_SOME_INVALID : EXIT_OK;
  } catch (e) {
    return internalError(io, lang, e);
  }
}

/**
 * `gnbv summarize FILE`: the §5.6 summary as one JSON object on one line.
 * @returns the exit code: 0 when a summary was printed (even with invalid records), 1 for
 * unusable input or records of more than one standard.
 */
export async function runSummarize(file: string, lang: Lang, groupBy: GroupBy | undefined, io: EngineIo): Promise<number> {
  try {
    const standards = await standardsOrFailure(lang);
    if (!Array.isArray(standards)) return reportUnusable(io, standards);
    const builder = new SummaryBuilder(groupBy);
    const problem = await forEachEntry(
      file,
      io,
      lang,
      (entry) => addEntryToSummary(builder, entry, standards, lang),
      async () => {},
    );
    if (problem) return reportUnusable(io, problem);
    const mixed = builder.mixedStandards;
    if (mixed) return reportUnusable(io, unusableInput('mixed_standards', lang, { standards: mixed }));
    const writer = new BatchWriter(io.stdout);
    writer.line(JSON.stringify(builder.build()));
    await writer.flush();
    return EXIT_OK;
  } catch (e) {
    return internalError(io, lang, e);
  }
}

function processIo(): EngineIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

function langOption(): Option {
  return new Option('--lang <lang>', 'ngôn ngữ thông báo lỗi / language of messages').choices(LANGS).default('vi');
}

/** Adds `classify` and `summarize` to the `gnbv` program. */
export function registerEngineCommands(program: Command): void {
  program
    .command('classify')
    .description('Phân loại hộ từ bản ghi đánh giá (JSON hoặc JSON Lines) — classify assessment records; exit 0 all classified, 2 some invalid, 1 unusable input')
    .argument('<file>', 'tệp bản ghi, "-" là stdin / records file, "-" for stdin')
    .addOption(langOption())
    .action(async (file: string, options: { lang: Lang }) => {
      process.exitCode = await runClassify(file, options.lang, processIo());
    });

  program
    .command('summarize')
    .description('Tổng hợp kết quả phân loại (một đối tượng JSON) — summary of classified households')
    .argument('<file>', 'tệp bản ghi, "-" là stdin / records file, "-" for stdin')
    .addOption(
      new Option('--group-by <key>', 'nhóm theo đơn vị hoặc dân tộc / group by unit or ethnicity').choices(GROUP_BY_VALUES),
    )
    .addOption(langOption())
    .action(async (file: string, options: { lang: Lang; groupBy?: GroupBy }) => {
      process.exitCode = await runSummarize(file, options.lang, options.groupBy, processIo());
    });
}
