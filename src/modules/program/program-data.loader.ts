/**
 * Program data that the reference files imply but migration 0001's loader does not hold: the
 * counterpart rule of each program, the lead agency of each project for each year of its period
 * (the catalog's lead, or the agency that took over its duties by the end of that year), and the
 * tasks of the province's yearly plans (`reference/plan-*.json`). Idempotent; edits made in the
 * system (other lead agencies, task status) are kept.
 *
 * Call it after `loadReferenceData` (start-up and `gnbv migrate`).
 */
import { readdir } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { DEFAULT_REFERENCE_DIRECTORY, parseProvincePlan, type ProvincePlan } from '../../db/reference/index.js';
import { readTextFile } from '../../db/reference/reference-file.reader.js';
import { COUNTERPART_RULE_2022 } from '../../domain/program/index.js';
import { readProvinceSetting } from '../access/scope.repository.js';
import { withProgramTables } from './program.tables.js';

/** Programs whose counterpart bands are known, with their legal source (DOMAIN §4). */
const COUNTERPART_RULES: Record<string, typeof COUNTERPART_RULE_2022> = {
  'NTP-GNBV-2021-2025': COUNTERPART_RULE_2022,
};

/**
 * The official lists of poor units by province, for the allocation criteria `poor_district` and
 * `poor_commune`. Kông Chro (630) on the poor-district list of Decision 353/QĐ-TTg is [P] in
 * DOMAIN §6.3. Missing rows are inserted; rows added in the table stay.
 */
const POOR_UNITS: Record<string, { unitCode: string; kind: 'poor_district' | 'poor_commune'; fromYear: number; toYear: number; basis: string }[]> = {
  '52': [{ unitCode: '630', kind: 'poor_district', fromYear: 2021, toYear: 2025, basis: 'Quyết định 353/QĐ-TTg ngày 15/03/2022' }],
};

export interface ProgramDataLoadReport {
  poorUnits: number;
  counterpartRules: number;
  projectAgencies: number;
  tasks: number;
}

export async function loadProgramData(
  database: Kysely<Database>,
  options: { directory?: string } = {},
): Promise<ProgramDataLoadReport> {
  const directory = options.directory ?? DEFAULT_REFERENCE_DIRECTORY;
  const plans: ProvincePlan[] = [];
  for (const name of (await readdir(directory)).filter((file) => /^plan-\d{4}\.json$/.test(file)).sort()) {
    const { text, file } = await readTextFile(directory, name);
    plans.push(parseProvincePlan(text, file));
  }
  const province = await readProvinceSetting(database);
  const db = withProgramTables(database);

  return db.transaction().execute(async (trx) => {
    let counterpartRules = 0;
    for (const [programCode, rule] of Object.entries(COUNTERPART_RULES)) {
      const result = await trx
        .insertInto('counterpart_rule')
        .values({ program_code: programCode, source: rule.source, bands: JSON.stringify(rule.bands) })
        .onConflict((oc) => oc.column('program_code').doNothing())
        .executeTakeFirst();
      counterpartRules += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }

    // One lead per project and year of the program's period, following successors in force on 31 Dec.
    const agencies = await sql<{ inserted: number }>`
      with recursive years as (
        select p.code as project_code, g.year, p.lead_agency_code as agency_code
          from program_project p
          join program pr on pr.code = p.program_code
          cross join lateral generate_series(pr.period_start, pr.period_end) as g(year)
         where p.lead_agency_code is not null
      ), chain as (
        select project_code, year, agency_code, 0 as depth from years
        union all
        select c.project_code, c.year, a.successor_code, c.depth + 1
          from chain c join agency a on a.code = c.agency_code
         where a.valid_to is not null and a.valid_to < make_date(c.year, 12, 31)
           and a.successor_code is not null and c.depth < 5
      ), resolved as (
        select distinct on (project_code, year) project_code, year, agency_code
          from chain order by project_code, year, depth desc
      ), inserted as (
        insert into project_agency (project_code, year, agency_code, role)
        select project_code, year, agency_code, 'lead' from resolved r
         where not exists (select 1 from project_agency pa
                            where pa.project_code = r.project_code and pa.year = r.year and pa.role = 'lead')
        on conflict do nothing
        returning 1
      )
      select count(*)::int as inserted from inserted
    `.execute(trx);

    let poorUnits = 0;
    for (const unit of POOR_UNITS[province.code] ?? []) {
      const result = await trx
        .insertInto('poor_unit')
        .values({ province_code: province.code, unit_code: unit.unitCode, kind: unit.kind, from_year: unit.fromYear, to_year: unit.toYear, basis: unit.basis })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      poorUnits += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }

    let tasks = 0;
    for (const plan of plans) {
      for (const task of plan.tasks) {
        await trx
          .insertInto('plan_task')
          .values({
            province_code: province.code,
            plan_id: plan.id,
            task_id: task.id,
            program_code: plan.programCode,
            year: plan.year,
            // Parties carry their names from the plan; agencies are named from the agency table when read.
            assignees: JSON.stringify(
              task.assignees.map((ref) => {
                const party = ref.kind === 'party' ? plan.parties.find((p) => p.code === ref.code) : undefined;
                return party ? { ...ref, vi: party.vi, en: party.en } : ref;
              }),
            ),
            agency_codes: task.assignees.filter((ref) => ref.kind === 'agency').map((ref) => ref.code),
            text_vi: task.text.vi,
            text_en: task.text.en,
            due_date: task.dueDate,
            project_codes: task.projects.map((project) => project.code),
          })
          .onConflict((oc) =>
            oc.columns(['province_code', 'plan_id', 'task_id']).doUpdateSet((eb) => ({
              assignees: eb.ref('excluded.assignees'),
              agency_codes: eb.ref('excluded.agency_codes'),
              text_vi: eb.ref('excluded.text_vi'),
              text_en: eb.ref('excluded.text_en'),
              // A due date changed in the system wins over the file's.
              due_date: sql<string | null>`case when plan_task.due_date_set_by is null then excluded.due_date else plan_task.due_date end`,
              project_codes: eb.ref('excluded.project_codes'),
            })),
          )
          .execute();
        tasks += 1;
      }
    }
    return { poorUnits, counterpartRules, projectAgencies: agencies.rows[0]?.inserted ?? 0, tasks };
  });
}
