/**
 * `reference/program-catalog.json`: programs, their projects (dự án) and sub-projects (tiểu dự
 * án), with the provincial lead agency of each (DOMAIN §3.3, §8.2; SPEC §4).
 */
import { z } from 'zod';
import type { Insertable } from 'kysely';
import type { ProgramProjectTable, ProgramTable } from '../schema.js';
import { agencyCode, catalogCode, sourceStatus, text } from './reference.schemas.js';
import { failAt, parseJson } from './reference-file.reader.js';

const projectFields = {
  code: catalogCode,
  name: text,
  nameEn: text,
  leadAgencyCode: z.union([z.null(), agencyCode]),
  note: text,
};

const subProjectSchema = z.strictObject(projectFields);

const projectSchema = z.strictObject({
  ...projectFields,
  /** The national lead ministry, as text (not an agency of the province). */
  nationalLead: text,
  subProjects: z.array(subProjectSchema),
});

const programSchema = z
  .strictObject({
    code: catalogCode,
    name: text,
    nameEn: text,
    periodStart: z.number().int(),
    periodEnd: z.number().int(),
    /** approved, or provisional while the legal texts are not confirmed. */
    status: z.enum(['approved', 'provisional']),
    legalBasis: text,
    nationalOwner: text,
    funding: z.array(
      z.strictObject({
        source: text,
        billionVnd: z.number().positive(),
        comparator: z.enum(['equal', 'about', 'at_least']),
        status: sourceStatus,
      }),
    ),
    targets: z.array(z.strictObject({ vi: text, en: text, status: sourceStatus })),
    projects: z.array(projectSchema),
  })
  .refine((program) => program.periodEnd >= program.periodStart, {
    path: ['periodEnd'],
    message: 'must not be before periodStart',
  });

const catalogSchema = z.strictObject({
  $comment: z.string().optional(),
  programs: z.array(programSchema).min(1),
});

export type ProgramCatalog = z.output<typeof catalogSchema>;
export type Program = ProgramCatalog['programs'][number];

/**
 * Parses the program catalog. Program codes and project codes are unique (project codes across
 * all programs: they are the key of program_project).
 * @throws {ReferenceDataError}
 */
export function parseProgramCatalog(content: string, file: string): ProgramCatalog {
  const catalog = parseJson(content, file, catalogSchema);
  const seen = new Set<string>();
  const claim = (code: string, row: string) => {
    if (seen.has(code)) failAt(file, row, 'code', `duplicate code ${code}`);
    seen.add(code);
  };
  catalog.programs.forEach((program, p) => {
    claim(program.code, `programs[${p}]`);
    program.projects.forEach((project, j) => {
      claim(project.code, `programs[${p}].projects[${j}]`);
      project.subProjects.forEach((sub, s) => claim(sub.code, `programs[${p}].projects[${j}].subProjects[${s}]`));
    });
  });
  return catalog;
}

/** Every (sub-)project with where it sits in the file, for cross-file checks. */
export function catalogProjects(catalog: ProgramCatalog): { row: string; leadAgencyCode: string | null; code: string }[] {
  return catalog.programs.flatMap((program, p) =>
    program.projects.flatMap((project, j) => [
      { row: `programs[${p}].projects[${j}]`, code: project.code, leadAgencyCode: project.leadAgencyCode },
      ...project.subProjects.map((sub, s) => ({
        row: `programs[${p}].projects[${j}].subProjects[${s}]`,
        code: sub.code,
        leadAgencyCode: sub.leadAgencyCode,
      })),
    ]),
  );
}

/** Rows of the program table. */
export function programRows(catalog: ProgramCatalog): Insertable<ProgramTable>[] {
  return catalog.programs.map((program) => ({
    code: program.code,
    name: program.name,
    name_en: program.nameEn,
    period_start: program.periodStart,
    period_end: program.periodEnd,
    status: program.status,
  }));
}

/** Rows of program_project: projects numbered 1.. within their program, sub-projects within their project. */
export function programProjectRows(catalog: ProgramCatalog): Insertable<ProgramProjectTable>[] {
  return catalog.programs.flatMap((program) =>
    program.projects.flatMap((project, j) => [
      {
        code: project.code,
        program_code: program.code,
        parent_code: null,
        sort_order: j + 1,
        name: project.name,
        name_en: project.nameEn,
        lead_agency_code: project.leadAgencyCode,
      },
      ...project.subProjects.map((sub, s) => ({
        code: sub.code,
        program_code: program.code,
        parent_code: project.code,
        sort_order: s + 1,
        name: sub.name,
        name_en: sub.nameEn,
        lead_agency_code: sub.leadAgencyCode,
      })),
    ]),
  );
}
