import { type Kysely, sql } from 'kysely';

/** Reference data, users, sessions, audit, and the household registry's core tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table setting (
      key text primary key,
      value jsonb not null
    );

    create table admin_unit (
      code text not null,
      valid_from date not null,
      valid_to date,
      name text not null,
      type text not null,
      level text not null check (level in ('province', 'district', 'commune')),
      parent_code text,
      province_code text not null,
      area text check (area in ('urban', 'rural')),
      primary key (code, valid_from),
      check (valid_to is null or valid_to >= valid_from)
    );
    create index admin_unit_parent on admin_unit (parent_code);

    create table unit_succession (
      old_code text not null,
      old_name text not null,
      old_district_code text not null,
      old_province_code text not null,
      new_code text not null,
      new_name text not null,
      effective_date date not null,
      primary key (old_code, new_code, effective_date)
    );
    create index unit_succession_new on unit_succession (new_code);

    create table ethnic_group (
      code text primary key,
      name text not null,
      aliases text[] not null default '{}',
      is_minority boolean not null
    );

    create table agency (
      code text primary key,
      name text not null,
      name_en text not null,
      short_name text not null,
      valid_from date not null,
      valid_to date,
      successor_code text references agency (code) deferrable initially deferred
    );

    create table program (
      code text primary key,
      name text not null,
      name_en text not null,
      period_start integer not null,
      period_end integer not null,
      status text not null
    );

    create table program_project (
      code text primary key,
      program_code text not null references program (code),
      parent_code text references program_project (code) deferrable initially deferred,
      sort_order integer not null,
      name text not null,
      name_en text not null,
      lead_agency_code text references agency (code)
    );

    create table support_type (
      code text primary key,
      name text not null,
      name_en text not null,
      indicator_codes text[] not null,
      lead_agency_code text references agency (code),
      project_code text references program_project (code)
    );

    create table poverty_standard (
      id text primary key,
      first_year integer not null,
      last_year integer not null,
      status text not null,
      definition jsonb not null
    );

    create table app_user (
      id serial primary key,
      username text not null unique,
      display_name text not null,
      password_hash text not null,
      role text not null check (role in ('province_admin', 'province_agency', 'district_officer',
                                         'commune_officer', 'reviewer', 'supervisor')),
      unit_code text,
      agency_code text references agency (code),
      is_demo boolean not null default false,
      is_active boolean not null default true,
      created_at timestamptz not null default now(),
      version integer not null default 1
    );

    create table user_commune (
      user_id integer not null references app_user (id) on delete cascade,
      commune_code text not null,
      primary key (user_id, commune_code)
    );

    create table user_session (
      token_hash text primary key,
      user_id integer not null references app_user (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index user_session_user on user_session (user_id);

    create table audit_log (
      id bigserial primary key,
      at timestamptz not null default now(),
      user_id integer references app_user (id),
      action text not null,
      entity text not null,
      entity_id text not null,
      before jsonb,
      after jsonb,
      ip text
    );
    create index audit_log_entity on audit_log (entity, entity_id);

    create table household (
      province_code text not null,
      code text not null,
      commune_code text not null,
      village text not null,
      address text not null,
      head_name text not null,
      area text not null check (area in ('urban', 'rural')),
      head_ethnic_code text references ethnic_group (code),
      farm_household boolean not null default false,
      survey_date date,
      income_per_capita bigint check (income_per_capita >= 0),
      score_a integer check (score_a >= 0),
      floor_area_m2 numeric(10, 2) check (floor_area_m2 >= 0),
      durable_walls boolean,
      durable_frame boolean,
      durable_roof boolean,
      water_source text,
      latrine text,
      internet_use boolean,
      information_devices boolean,
      waste_collected boolean,
      is_synthetic boolean not null default false,
      dissolved_at date,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (province_code, code)
    );
    create index household_commune on household (province_code, commune_code);

    create table member (
      province_code text not null,
      household_code text not null,
      seq integer not null,
      full_name text not null,
      sex text not null check (sex in ('male', 'female')),
      birth_date date not null,
      ethnic_code text references ethnic_group (code),
      citizen_id text check (citizen_id ~ '^[0-9]{12}$'),
      relation text not null,
      employment text not null,
      health_insurance boolean not null,
      attending_school boolean not null,
      education_level text not null,
      social_allowance boolean not null default false,
      stunted boolean not null default false,
      underweight boolean not null default false,
      primary key (province_code, household_code, seq),
      foreign key (province_code, household_code) references household (province_code, code)
        on delete cascade
    );
    create unique index member_citizen_id on member (province_code, citizen_id)
      where citizen_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table member; drop table household; drop table audit_log; drop table user_session;
    drop table user_commune; drop table app_user; drop table poverty_standard;
    drop table support_type; drop table program_project; drop table program; drop table agency;
    drop table ethnic_group; drop table unit_succession; drop table admin_unit; drop table setting;
  `.execute(db);
}
