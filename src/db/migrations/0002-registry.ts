import { type Kysely, sql } from 'kysely';

/**
 * The household registry at province scale: the derived columns the list filters and searches
 * on (class and deprivations from the poverty engine, folded member names), their indexes, and
 * the location history of every household, kept by triggers so that every writer (the API,
 * imports, the demo seed) leaves the same history behind.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table household
      -- Class and lacking indicators of the current facts (src/domain/poverty), null and none
      -- while the facts do not allow a classification.
      add column status text check (status in ('poor', 'near_poor', 'average', 'not_poor')),
      add column standard_id text,
      add column deprivations text[] not null default '{}',
      -- First day at the current commune and village; a writer that moves a household sets it,
      -- and the history trigger reads it.
      add column located_since date;

    -- The diacritic-free lower-case name (src/domain/text.ts foldForSearch), computed in
    -- TypeScript so both engines match the same rows. Byte order ("C") lets one b-tree serve
    -- both the prefix match and the name order of the results, so a search reads one page of
    -- the index whatever the size of the province.
    alter table member add column search_name text collate "C" not null default '';
    create index member_search_name on member (province_code, search_name, household_code, seq);

    -- The list pages by code inside communes; (province_code, commune_code) is its prefix.
    drop index household_commune;
    create index household_commune_code on household (province_code, commune_code, code);

    create table household_history (
      province_code text not null,
      household_code text not null,
      valid_from date not null,
      -- Last day at this place (inclusive); null = still there.
      valid_to date,
      commune_code text not null,
      village text not null,
      primary key (province_code, household_code, valid_from),
      foreign key (province_code, household_code) references household (province_code, code)
        on delete cascade,
      check (valid_to is null or valid_to >= valid_from)
    );

    -- Today in the province's time zone (setting 'province'), for writers that give no date.
    create function registry_today() returns date language sql stable as $$
      select (now() at time zone coalesce(
        (select value ->> 'timeZone' from setting where key = 'province'), 'Asia/Ho_Chi_Minh'))::date
    $$;

    create function household_history_on_insert() returns trigger language plpgsql as $$
    begin
      insert into household_history (province_code, household_code, valid_from, commune_code, village)
      select province_code, code, coalesce(located_since, survey_date, registry_today()), commune_code, village
        from inserted;
      return null;
    end $$;

    -- A change of commune or village closes the open period the day before the new one starts
    -- (a second move on the same day replaces the first); a dissolution closes it on that day.
    -- A writer that changes the place without setting located_since moves the household today.
    create function household_history_on_update() returns trigger language plpgsql as $$
    declare
      moved record;
    begin
      for moved in
        select n.province_code, n.code, n.commune_code, n.village,
               case when n.located_since is distinct from o.located_since and n.located_since is not null
                    then n.located_since else registry_today() end as since
          from updated n
          join previous o on o.province_code = n.province_code and o.code = n.code
         where (n.commune_code, n.village) is distinct from (o.commune_code, o.village)
      loop
        delete from household_history
         where province_code = moved.province_code and household_code = moved.code
           and valid_from >= moved.since;
        update household_history set valid_to = moved.since - 1
         where province_code = moved.province_code and household_code = moved.code and valid_to is null;
        insert into household_history (province_code, household_code, valid_from, commune_code, village)
        values (moved.province_code, moved.code, moved.since, moved.commune_code, moved.village);
      end loop;

      update household_history h set valid_to = n.dissolved_at
        from updated n
        join previous o on o.province_code = n.province_code and o.code = n.code
       where o.dissolved_at is null and n.dissolved_at is not null
         and h.province_code = n.province_code and h.household_code = n.code and h.valid_to is null;
      return null;
    end $$;

    create trigger household_history_insert after insert on household
      referencing new table as inserted
      for each statement execute function household_history_on_insert();
    create trigger household_history_update after update on household
      referencing old table as previous new table as updated
      for each statement execute function household_history_on_update();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger household_history_update on household;
    drop trigger household_history_insert on household;
    drop function household_history_on_update();
    drop function household_history_on_insert();
    drop function registry_today();
    drop table household_history;
    drop index household_commune_code;
    create index household_commune on household (province_code, commune_code);
    drop index member_search_name;
    alter table member drop column search_name;
    alter table household drop column located_since, drop column deprivations,
      drop column standard_id, drop column status;
  `.execute(db);
}
