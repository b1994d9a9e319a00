import { type Kysely, sql } from 'kysely';

/**
 * The fifth dashboard indicator: the share of poor households with a support plan (SPEC §8, §9).
 *
 * Support plans change every day, recognitions a few times a year, so the count of poor
 * households with a plan is kept in `result_aggregate.poor_with_plan` by a trigger on
 * `support_plan`: `result_poor_state` remembers, for each household poor at the end of a year,
 * the units it counts in, so a new (or removed) plan moves exactly those aggregate rows.
 * `refreshAggregates` rebuilds both tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table result_aggregate add column poor_with_plan integer not null default 0;

    alter table target drop constraint target_indicator_check;
    alter table target add constraint target_indicator_check
      check (indicator in ('poor_rate', 'ethnic_minority_poor_rate', 'near_poor_rate', 'escaped_poverty', 'support_plan_share'));

    -- One row per household poor at the end of a year, with every unit it counts in.
    create table result_poor_state (
      province_code text not null,
      household_code text not null,
      year integer not null,
      standard_id text not null,
      commune_code text not null,
      district_code text,
      province_unit text,
      new_commune_code text not null,
      -- The new (2025) province of the commune's successor, when it is not province_unit.
      successor_province text,
      primary key (province_code, household_code, year)
    );

    create function result_poor_state_plan_change() returns trigger language plpgsql as $$
    declare
      plan_province text;
      plan_household text;
      delta integer;
    begin
      if tg_op = 'INSERT' then
        plan_province := new.province_code; plan_household := new.household_code; delta := 1;
      else
        plan_province := old.province_code; plan_household := old.household_code; delta := -1;
      end if;
      update result_aggregate a
         set poor_with_plan = a.poor_with_plan + delta
        from result_poor_state s
       cross join lateral (values ('commune', s.commune_code), ('district', s.district_code), ('province', s.province_unit),
                                  ('new_commune', s.new_commune_code), ('province', s.successor_province)) as u(level, unit_code)
       where s.province_code = plan_province and s.household_code = plan_household
         and u.unit_code is not null
         and a.province_code = s.province_code and a.level = u.level and a.unit_code = u.unit_code
         and a.year = s.year and a.standard_id = s.standard_id;
      return null;
    end $$;

    create trigger support_plan_coverage after insert or delete on support_plan
      for each row execute function result_poor_state_plan_change();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger support_plan_coverage on support_plan;
    drop function result_poor_state_plan_change();
    drop table result_poor_state;
    alter table target drop constraint target_indicator_check;
    alter table target add constraint target_indicator_check
      check (indicator in ('poor_rate', 'ethnic_minority_poor_rate', 'near_poor_rate', 'escaped_poverty'));
    alter table result_aggregate drop column poor_with_plan;
  `.execute(db);
}
