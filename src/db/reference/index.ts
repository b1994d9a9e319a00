/** Reference data: the files of `reference/`, their parsers and the loader. */
export { ReferenceDataError } from './reference-data.error.js';
export { loadReferenceData, type LoadReferenceOptions, type ReferenceLoadReport } from './load-reference-data.js';
export type { TableLoadCount } from './reference.repository.js';
export {
  DEFAULT_REFERENCE_DIRECTORY,
  REFERENCE_FILES,
  readReferenceData,
  type ReferenceData,
} from './read-reference-data.js';
export { type EthnicGroup, findEthnicGroup, foldEthnicName, parseEthnicGroups } from './ethnic-groups.parser.js';
export { type Agency, parseAgencies } from './agencies.parser.js';
export { catalogProjects, type ProgramCatalog, parseProgramCatalog } from './program-catalog.parser.js';
export { parseSupportCatalog, type SupportType } from './support-catalog.parser.js';
export { type ProvinceSetting, parseProvinceFile } from './province.parser.js';
export {
  type PartyRef,
  type PlanReportingObligation,
  type PlanTarget,
  type PlanTask,
  parseProvincePlan,
  planReferences,
  type ProvincePlan,
  provincePlanSchema,
} from './province-plan.parser.js';
