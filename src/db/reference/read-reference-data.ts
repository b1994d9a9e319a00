/**
 * Reads every reference file of a directory, checks each one and the links between them, and
 * returns the data ready to load. Nothing here touches the database.
 */
import { fileURLToPath } from 'node:url';
import type { AdminUnit } from '../schema.js';
import type { PovertyStandard } from '../../domain/poverty/types.js';
import {
  buildUnitIntervals,
  parseNameVariants,
  parseSuccession,
  parseUnitSnapshot,
  type UnitNameVariant,
  type UnitSnapshot,
  type UnitSuccession,
} from './admin-units.parser.js';
import { type Agency, parseAgencies } from './agencies.parser.js';
import { type EthnicGroup, parseEthnicGroups } from './ethnic-groups.parser.js';
import { catalogProjects, type ProgramCatalog, parseProgramCatalog } from './program-catalog.parser.js';
import { dayBefore, type ProvinceFile, parseProvinceFile } from './province.parser.js';
import { failAt, readTextFile } from './reference-file.reader.js';
import { parseStandards } from './standards.parser.js';
import { parseSupportCatalog, type SupportType } from './support-catalog.parser.js';

/** The project's `reference/` directory. */
export const DEFAULT_REFERENCE_DIRECTORY = fileURLToPath(new URL('../../../reference/', import.meta.url));

/** File names inside the reference directory (the unit files are named in province.json). */
export const REFERENCE_FILES = {
  province: 'province.json',
  ethnicGroups: 'ethnic-groups.csv',
  agencies: 'agencies.csv',
  programCatalog: 'program-catalog.json',
  supportCatalog: 'support-catalog.json',
  standards: 'standards.json',
} as const;

export interface ReferenceData {
  directory: string;
  province: ProvinceFile;
  /** Validity intervals built from the unit snapshots. */
  adminUnits: AdminUnit[];
  successions: UnitSuccession[];
  nameVariants: UnitNameVariant[];
  ethnicGroups: EthnicGroup[];
  agencies: Agency[];
  programCatalog: ProgramCatalog;
  supportTypes: SupportType[];
  standards: PovertyStandard[];
}

/**
 * Reads and checks the reference files of `directory`.
 * @throws {ReferenceDataError} naming the file, row and field of the first problem.
 */
export async function readReferenceData(directory: string = DEFAULT_REFERENCE_DIRECTORY): Promise<ReferenceData> {
  const read = (name: string) => readTextFile(directory, name);
  const provinceText = await read(REFERENCE_FILES.province);
  const province = parseProvinceFile(provinceText.text, provinceText.file);
  const snapshots = await readSnapshots(directory, province, provinceText.file);
  const successions = await readSuccessions(directory, province, snapshots, provinceText.file);
  const nameVariants: UnitNameVariant[] = [];
  for (const name of province.adminUnits.nameVariants) {
    const { text, file } = await read(name);
    nameVariants.push(...parseNameVariants(text, file, snapshots));
  }

  const ethnic = await read(REFERENCE_FILES.ethnicGroups);
  const agenciesText = await read(REFERENCE_FILES.agencies);
  const catalogText = await read(REFERENCE_FILES.programCatalog);
  const supportText = await read(REFERENCE_FILES.supportCatalog);
  const standardsText = await read(REFERENCE_FILES.standards);
  const agencies = parseAgencies(agenciesText.text, agenciesText.file);
  const programCatalog = parseProgramCatalog(catalogText.text, catalogText.file);
  const supportTypes = parseSupportCatalog(supportText.text, supportText.file);

  const agencyCodes = new Set(agencies.map((agency) => agency.code));
  const projects = catalogProjects(programCatalog);
  for (const project of projects) {
    if (project.leadAgencyCode !== null && !agencyCodes.has(project.leadAgencyCode)) {
      failAt(catalogText.file, project.row, 'leadAgencyCode', `no agency ${project.leadAgencyCode} in ${agenciesText.file}`);
    }
  }
  const projectCodes = new Set(projects.map((project) => project.code));
  supportTypes.forEach((support, index) => {
    const row = `supportTypes[${index}]`;
    if (support.leadAgencyCode !== null && !agencyCodes.has(support.leadAgencyCode)) {
      failAt(supportText.file, row, 'leadAgencyCode', `no agency ${support.leadAgencyCode} in ${agenciesText.file}`);
    }
    if (support.projectCode !== null && !projectCodes.has(support.projectCode)) {
      failAt(supportText.file, row, 'projectCode', `no project ${support.projectCode} in ${catalogText.file}`);
    }
  });

  return {
    directory,
    province,
    adminUnits: buildUnitIntervals(snapshots),
    successions,
    nameVariants,
    ethnicGroups: parseEthnicGroups(ethnic.text, ethnic.file),
    agencies,
    programCatalog,
    supportTypes,
    standards: parseStandards(standardsText.text, standardsText.file),
  };
}

/** The snapshots of province.json, each of the province itself or of one of its previous codes. */
async function readSnapshots(directory: string, province: ProvinceFile, provinceFile: string): Promise<UnitSnapshot[]> {
  const known = [province.code, ...province.previousCodes];
  const snapshots: UnitSnapshot[] = [];
  for (const [index, config] of province.adminUnits.snapshots.entries()) {
    const { text, file } = await readTextFile(directory, config.file);
    const snapshot = parseUnitSnapshot(text, file, config, province.adminUnits.areaByUnitType);
    if (!known.includes(snapshot.provinceCode)) {
      const problem = `${file} is of province ${snapshot.provinceCode}, not of ${known.join(' or ')}`;
      failAt(provinceFile, `adminUnits.snapshots[${index}]`, 'file', problem);
    }
    snapshots.push(snapshot);
  }
  const current = snapshots.at(-1);
  if (current && current.validTo === null && current.provinceCode !== province.code) {
    failAt(provinceFile, null, 'code', `the snapshot in force today is of province ${current.provinceCode}`);
  }
  return snapshots;
}

/** Succession files: each links the snapshot ending the day before its date to the one starting on it. */
async function readSuccessions(
  directory: string,
  province: ProvinceFile,
  snapshots: readonly UnitSnapshot[],
  provinceFile: string,
): Promise<UnitSuccession[]> {
  const successions: UnitSuccession[] = [];
  for (const [index, config] of province.adminUnits.successions.entries()) {
    const newUnits = snapshots.find((snapshot) => snapshot.validFrom === config.effectiveDate);
    const oldUnits = snapshots.find((snapshot) => snapshot.validTo === dayBefore(config.effectiveDate));
    if (!newUnits || !oldUnits) {
      const problem = 'no snapshot starts on this date after another ends';
      return failAt(provinceFile, `adminUnits.successions[${index}]`, 'effectiveDate', problem);
    }
    const { text, file } = await readTextFile(directory, config.file);
    for (const succession of parseSuccession(text, file, config.effectiveDate, oldUnits, newUnits)) {
      const pair = `${succession.old_code}→${succession.new_code}@${succession.effective_date}`;
      if (successions.some((other) => `${other.old_code}→${other.new_code}@${other.effective_date}` === pair)) {
        failAt(file, null, 'old_code', `pair ${pair} is already in another succession file`);
      }
      successions.push(succession);
    }
  }
  return successions;
}
