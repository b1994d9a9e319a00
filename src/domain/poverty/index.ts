/**
 * The poverty standard engine (SPEC §5): pure rules, no I/O.
 *
 * @example
 * import { parseStandardsFile, classifyAssessment, summarize } from './domain/poverty/index.js';
 * const standards = parseStandardsFile(json);            // reference/standards.json
 * classifyAssessment(record, standards, { lang: 'en' }); // one household
 * summarize(records, standards, { groupBy: 'unit' });    // §5.6 summary
 */
export * from './types.js';
export { StandardsFileError, parseStandardsFile, standardById, standardForYear } from './standards.js';
export {
  completedMonths,
  completedYears,
  isWorkingAge,
  parseIsoDate,
  retirementAgeMonths,
  type CalendarDate,
} from './ages.js';
export {
  INDICATOR_FACTS,
  deriveDeprivations,
  type DerivationInput,
  type HouseholdFacts,
  type MemberFacts,
} from './indicators.js';
export {
  assessHousehold,
  classifyAssessment,
  classifyByIncome,
  classifyByScoreA,
  isRecordFailure,
  scoreB,
  type AssessOptions,
  type AssessedHousehold,
  type Assessment,
  type FailedAssessment,
} from './assessment.js';
export {
  GROUP_BY_VALUES,
  MixedStandardsError,
  SummaryBuilder,
  UNKNOWN_GROUP,
  addToTally,
  emptyTally,
  groupKey,
  mergeTallies,
  summarize,
  summaryFromTally,
  type AlkireFoster,
  type GroupBy,
  type GroupSummary,
  type PovertySummary,
  type SummarizeOptions,
  type SummarizeOutcome,
  type SummaryFigures,
  type SummaryTally,
} from './summary.js';
export {
  JsonLinesDecoder,
  addEntryToSummary,
  assessEntry,
  classifyRecords,
  classifyText,
  detectFormat,
  formatOutcome,
  parseJsonArray,
  readInputText,
  summarizeText,
  unusableInput,
  type ClassifyTextResult,
  type InputEntry,
  type SummarizeTextResult,
  type UnusableCode,
  type UnusableDetail,
  type UnusableInput,
} from './engine-io.js';
