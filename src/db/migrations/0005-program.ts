import { type Kysely, sql } from 'kysely';

/**
 * The program at work (SPEC §9): lead and implementing agencies per project and year, the plan's
 * tasks, budget lines with monthly disbursements, allocation models with their shares, output
 * indicators, support plans of poor and near-poor households, and twinning. Household-scoped
 * tables lead their keys with province_code; money is whole đồng (bigint).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table project_agency (
      project_code text not null references program_project (code),
      year integer not null,
      agency_code text not null references agency (code),
      role text not null check (role in ('lead', 'implementing')),
      primary key (project_code, year, agency_code)
    );
    create unique index project_agency_one_lead on project_agency (project_code, year) where role = 'lead';

    -- Bands of the counterpart rule as data (Decision 02/2022/QĐ-TTg for 2021–2025).
    create table counterpart_rule (
      program_code text primary key references program (code),
      source text not null,
      bands jsonb not null
    );

    -- The share of the province's budget the centre supports, which selects the counterpart band.
    create table program_year (
      province_code text not null,
      program_code text not null references program (code),
      year integer not null,
      central_dependence_percent numeric(5, 2) not null
        check (central_dependence_percent between 0 and 100),
      version integer not null default 1,
      primary key (province_code, program_code, year)
    );

    create table plan_task (
      province_code text not null,
      plan_id text not null,
      task_id text not null,
      program_code text not null references program (code),
      year integer not null,
      assignees jsonb not null,
      agency_codes text[] not null default '{}',
      text_vi text not null,
      text_en text not null,
      due_date date,
      project_codes text[] not null default '{}',
      status text not null default 'open' check (status in ('open', 'in_progress', 'done')),
      completed_on date,
      version integer not null default 1,
      primary key (province_code, plan_id, task_id)
    );

    create table budget_line (
      id serial primary key,
      province_code text not null,
      program_code text not null references program (code),
      year integer not null,
      project_code text not null references program_project (code),
      unit_code text not null,
      source text not null check (source in ('central', 'provincial_counterpart', 'mobilised')),
      kind text not null check (kind in ('investment', 'recurrent')),
      planned bigint not null check (planned >= 0),
      allocated bigint not null check (allocated >= 0),
      note text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      unique (province_code, year, project_code, unit_code, source, kind)
    );

    create table budget_disbursement (
      budget_line_id integer not null references budget_line (id) on delete cascade,
      month integer not null check (month between 1 and 12),
      amount bigint not null check (amount >= 0),
      primary key (budget_line_id, month)
    );

    create table allocation_model (
      id serial primary key,
      province_code text not null,
      program_code text not null references program (code),
      year integer not null,
      project_code text not null references program_project (code),
      source text not null check (source in ('central', 'provincial_counterpart', 'mobilised')),
      name text not null,
      total bigint not null check (total >= 0),
      criteria jsonb not null,
      minimum_share numeric(8, 6),
      maximum_share numeric(8, 6),
      resolution_number text not null,
      resolution_date date not null,
      created_by integer references app_user (id),
      created_at timestamptz not null default now()
    );

    create table allocation_share (
      model_id integer not null references allocation_model (id) on delete cascade,
      unit_code text not null,
      counts jsonb not null,
      points numeric not null,
      amount bigint not null check (amount >= 0),
      bound text check (bound in ('minimum', 'cap')),
      primary key (model_id, unit_code)
    );

    create table output_indicator (
      id serial primary key,
      province_code text not null,
      project_code text not null references program_project (code),
      year integer not null,
      name text not null,
      unit_of_measure text not null,
      target numeric not null check (target >= 0),
      actual numeric check (actual >= 0),
      version integer not null default 1,
      unique (province_code, project_code, year, name)
    );

    create table support_plan (
      province_code text not null,
      household_code text not null,
      program_code text not null references program (code),
      helper_name text,
      helper_kind text check (helper_kind in ('person', 'organisation')),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (province_code, household_code),
      foreign key (province_code, household_code) references household (province_code, code) on delete cascade,
      check ((helper_name is null) = (helper_kind is null))
    );

    create table support_item (
      id serial primary key,
      province_code text not null,
      household_code text not null,
      support_code text not null references support_type (code),
      agency_code text not null references agency (code),
      amount bigint not null check (amount >= 0),
      funding_project_code text references program_project (code),
      status text not null check (status in ('planned', 'in_progress', 'done', 'cancelled')),
      planned_date date not null,
      completed_date date,
      note text,
      version integer not null default 1,
      foreign key (province_code, household_code) references support_plan (province_code, household_code)
        on delete cascade,
      check (completed_date is null or completed_date >= planned_date),
      check ((status = 'done') = (completed_date is not null))
    );
    create index support_item_household on support_item (province_code, household_code);

    create table twinning (
      id serial primary key,
      province_code text not null,
      agency_code text not null references agency (code),
      commune_code text not null,
      village text,
      kind text not null check (kind in ('twinning', 'sponsorship')),
      start_date date not null,
      end_date date,
      note text,
      created_at timestamptz not null default now(),
      check (end_date is null or end_date >= start_date)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table twinning; drop table support_item; drop table support_plan; drop table output_indicator;
    drop table allocation_share; drop table allocation_model; drop table budget_disbursement;
    drop table budget_line; drop table plan_task; drop table program_year; drop table counterpart_rule;
    drop table project_agency;
  `.execute(db);
}
