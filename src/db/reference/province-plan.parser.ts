/**
 * A province's yearly plan for the program as data (first: `reference/plan-2022.json`, Gia Lai's
 * 2022 plan, shared/domain/PLAN-2022.md): legal bases, targets, tasks per agency, reporting
 * obligations and funding sources. Not loaded into tables yet; later issues add target and
 * obligation tables.
 */
import { z } from 'zod';
import { agencyCode, catalogCode, civilDate, localized, sourceStatus, text, unitCode } from './reference.schemas.js';
import { failAt, parseJson } from './reference-file.reader.js';

const snakeCode = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a snake_case code');
const recordId = z.string().regex(/^[A-Z][A-Z0-9]*$/, 'must be an id such as T1 or L3');

/** Who a task or report is for: a provincial agency, or a party of the plan's `parties` list. */
const partyRefSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('agency'), code: agencyCode }),
  z.strictObject({ kind: z.literal('party'), code: snakeCode }),
]);

const comparator = z.enum(['at_most', 'less_than', 'at_least', 'greater_than']);
const targetBase = { id: recordId, unitCode, year: z.number().int(), text: localized };
const rateIndicator = z.enum(['poor_rate', 'ethnic_minority_poor_rate']);

/**
 * A target (chỉ tiêu). Rates are in percent; `change_points` is the change of the rate over the
 * year in percentage points (DOMAIN §3.2): −2 `at_most` means "fall by 2 points or more",
 * −3 `less_than` means "fall by more than 3 points". `level` is the rate at year end.
 */
const targetSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...targetBase,
    kind: z.literal('change_points'),
    indicator: rateIndicator,
    value: z.number(),
    comparator,
  }),
  z.strictObject({
    ...targetBase,
    kind: z.literal('level'),
    indicator: rateIndicator,
    value: z.number().min(0).max(100),
    comparator,
  }),
  z.strictObject({ ...targetBase, kind: z.literal('qualitative') }),
]);

const taskSchema = z.strictObject({
  id: recordId,
  assignees: z.array(partyRefSchema).min(1),
  text: localized,
  dueDate: z.union([z.null(), civilDate]),
  projects: z.array(z.strictObject({ code: catalogCode, role: z.enum(['lead', 'manage']) })),
});

const obligationSchema = z.strictObject({
  id: recordId,
  what: localized,
  from: z.array(partyRefSchema).min(1),
  to: z.array(partyRefSchema).min(1),
  /** The body reports pass through (the Labour department in 2022), or null. */
  via: z.union([z.null(), partyRefSchema]),
  period: z.union([z.null(), z.enum(['half_year', 'year', 'periodic', 'ad_hoc'])]),
  dueDate: z.union([z.null(), civilDate]),
});

export const provincePlanSchema = z.strictObject({
  $comment: z.string().optional(),
  id: z.string().regex(/^[A-Z]{2}-\d{4}$/, 'must be an id such as GL-2022'),
  provinceCode: unitCode,
  year: z.number().int(),
  programCode: catalogCode,
  standardId: text,
  document: z.strictObject({
    number: text,
    issuer: text,
    title: localized,
    status: sourceStatus,
    note: text,
  }),
  legalBases: z.array(
    z.strictObject({
      number: text,
      kind: z.enum(['resolution', 'decision', 'party_resolution', 'party_plan']),
      issuer: text,
      date: civilDate,
      title: localized,
    }),
  ),
  targets: z.array(targetSchema).min(1),
  parties: z.array(z.strictObject({ code: snakeCode, vi: text, en: text })),
  tasks: z.array(taskSchema).min(1),
  reportingObligations: z.array(obligationSchema),
  fundingSources: z.array(z.strictObject({ code: snakeCode, vi: text, en: text })).min(1),
  notes: z.array(text),
});

export type ProvincePlan = z.output<typeof provincePlanSchema>;
export type PlanTarget = ProvincePlan['targets'][number];
export type PlanTask = ProvincePlan['tasks'][number];
export type PlanReportingObligation = ProvincePlan['reportingObligations'][number];
export type PartyRef = z.output<typeof partyRefSchema>;

/**
 * Parses a plan file: ids unique within targets, tasks and obligations; every `party` reference
 * declared in `parties`. Agency, project and unit codes point into other files: check them with
 * {@link planReferences}.
 * @throws {ReferenceDataError}
 * @example
 * const plan = parseProvincePlan(await readFile('reference/plan-2022.json', 'utf8'), 'plan-2022.json');
 */
export function parseProvincePlan(content: string, file: string): ProvincePlan {
  const plan = parseJson(content, file, provincePlanSchema);
  const parties = new Set(plan.parties.map((party) => party.code));
  const checkRef = (ref: PartyRef, row: string, field: string) => {
    if (ref.kind === 'party' && !parties.has(ref.code)) failAt(file, row, field, `party "${ref.code}" is not in parties`);
  };
  for (const list of ['targets', 'tasks', 'reportingObligations'] as const) {
    const ids = new Set<string>();
    plan[list].forEach((item, index) => {
      if (ids.has(item.id)) failAt(file, `${list}[${index}]`, 'id', `duplicate id ${item.id}`);
      ids.add(item.id);
    });
  }
  plan.tasks.forEach((task, index) => {
    task.assignees.forEach((ref, j) => checkRef(ref, `tasks[${index}]`, `assignees[${j}]`));
  });
  plan.reportingObligations.forEach((obligation, index) => {
    const row = `reportingObligations[${index}]`;
    obligation.from.forEach((ref, j) => checkRef(ref, row, `from[${j}]`));
    obligation.to.forEach((ref, j) => checkRef(ref, row, `to[${j}]`));
    if (obligation.via) checkRef(obligation.via, row, 'via');
  });
  return plan;
}

/** The codes a plan refers to in other reference files (agencies, program catalog, units). */
export function planReferences(plan: ProvincePlan): { agencyCodes: string[]; projectCodes: string[]; unitCodes: string[] } {
  const refs = [
    ...plan.tasks.flatMap((task) => task.assignees),
    ...plan.reportingObligations.flatMap((obligation) => [
      ...obligation.from,
      ...obligation.to,
      ...(obligation.via ? [obligation.via] : []),
    ]),
  ];
  const unique = (values: string[]) => [...new Set(values)].sort();
  return {
    agencyCodes: unique(refs.filter((ref) => ref.kind === 'agency').map((ref) => ref.code)),
    projectCodes: unique(plan.tasks.flatMap((task) => task.projects.map((project) => project.code))),
    unitCodes: unique([plan.provinceCode, ...plan.targets.map((target) => target.unitCode)]),
  };
}
