import type { PovertyStandard, SourceStatus } from '../../../../src/domain/poverty/index';
import { useT } from '../../i18n';

/** Statuses that carry a visible mark: partial or secondary (P) and unverified (U) (DOMAIN §0). */
type MarkedStatus = Extract<SourceStatus, 'P' | 'U'>;

export interface SourceNote {
  number: number;
  status: MarkedStatus;
  source: string;
}

/** Where a sourced item sits in a standard: a threshold, the labour rules or an indicator. */
export type NoteKey = string;

interface Sourced {
  status: SourceStatus;
  source: string;
}

/**
 * Numbers the P and U items of a standard in the order the page shows them; items with the same
 * status and source share a note.
 */
export function collectNotes(standard: PovertyStandard): Map<NoteKey, SourceNote> {
  const items: Array<[NoteKey, Sourced]> = [
    ['incomeLines.rural', standard.incomeLines.rural],
    ['incomeLines.urban', standard.incomeLines.urban],
    ...(standard.averageBand
      ? ([
          ['averageBand.rural', standard.averageBand.rural],
          ['averageBand.urban', standard.averageBand.urban],
        ] as Array<[NoteKey, Sourced]>)
      : []),
    ...(standard.scoreACutoffs
      ? ([
          ['scoreA.rural', standard.scoreACutoffs.rural],
          ['scoreA.urban', standard.scoreACutoffs.urban],
        ] as Array<[NoteKey, Sourced]>)
      : []),
    ['poorMinDeprivations', standard.poorMinDeprivations],
    ['scoreBPoints', standard.scoreBPointsPerIndicator],
    ...standard.indicators.map((indicator): [NoteKey, Sourced] => [`indicator.${indicator.code}`, indicator]),
    ['labour.workingAge', standard.labour.workingAgeFromYears],
    ['labour.retirement', standard.labour.retirementAge],
  ];
  const notes = new Map<NoteKey, SourceNote>();
  const byText = new Map<string, SourceNote>();
  for (const [key, item] of items) {
    if (item.status !== 'P' && item.status !== 'U') continue;
    const text = `${item.status}|${item.source}`;
    let note = byText.get(text);
    if (!note) {
      note = { number: byText.size + 1, status: item.status, source: item.source };
      byText.set(text, note);
    }
    notes.set(key, note);
  }
  return notes;
}

export function noteAnchor(standardId: string, number: number): string {
  return `source-note-${standardId}-${number}`;
}

/**
 * The visible mark of a partial or unverified item: its status in words and the note's number,
 * a link to the note (so it works by keyboard and on a tablet) with the source as a tooltip.
 */
export function SourceMark({ standardId, note }: { standardId: string; note: SourceNote | undefined }) {
  const { t } = useT();
  if (!note) return null;
  const status = t(`sourceStatus.${note.status}`);
  return (
    <a
      className={`source-mark source-mark--${note.status}`}
      href={`#${noteAnchor(standardId, note.number)}`}
      title={`${status} (${note.status}): ${note.source}`}
      aria-label={t('standards.noteLink', { status, number: note.number })}
    >
      {status}
      <sup>{note.number}</sup>
    </a>
  );
}

/** The numbered source notes of a standard. */
export function SourceNotes({ standardId, notes }: { standardId: string; notes: Map<NoteKey, SourceNote> }) {
  const { t } = useT();
  const unique = [...new Map([...notes.values()].map((note) => [note.number, note])).values()];
  if (unique.length === 0) return null;
  return (
    <section className="source-notes" aria-label={t('standards.notes')}>
      <h3>{t('standards.notes')}</h3>
      <p className="muted">{t('standards.notesIntro')}</p>
      <ol>
        {unique.map((note) => (
          <li key={note.number} id={noteAnchor(standardId, note.number)} value={note.number}>
            <span className={`source-mark source-mark--${note.status} source-mark--static`}>
              {t(`sourceStatus.${note.status}`)} ({note.status})
            </span>{' '}
            {note.source}
          </li>
        ))}
      </ol>
    </section>
  );
}
