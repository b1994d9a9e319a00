import { type Kysely, sql } from 'kysely';
import type { AppUser, Database, NewAppUser, RoleCode } from '../../db/schema.js';

export function findUserByUsername(db: Kysely<Database>, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Kysely<Database>, id: number) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Kysely<Database>, user: NewAppUser): Promise<AppUser> {
  return db.insertInto('app_user').values(user).returningAll().executeTakeFirstOrThrow();
}

export async function assignCommunes(
  db: Kysely<Database>,
  userId: number,
  communeCodes: readonly string[],
): Promise<void> {
  if (communeCodes.length === 0) return;
  await db
    .insertInto('user_commune')
    .values(communeCodes.map((commune_code) => ({ user_id: userId, commune_code })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The unit a user is attached to, in force at a date, or its latest version. */
export function findUnitForUser(db: Kysely<Database>, code: string) {
  return db
    .selectFrom('admin_unit')
    .select(['code', 'name', 'level', 'valid_from', 'valid_to'])
    .where('code', '=', code)
    .orderBy('valid_from', 'desc')
    .executeTakeFirst();
}

export function findAgency(db: Kysely<Database>, code: string) {
  return db.selectFrom('agency').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
}

/** Every user with the names of their unit and agency, their extra communes and open sessions. */
export function listUsersWithPlaces(db: Kysely<Database>, now: Date) {
  return db
    .selectFrom('app_user')
    .leftJoin('agency', 'agency.code', 'app_user.agency_code')
    .selectAll('app_user')
    .select((eb) => [
      'agency.name as agency_name',
      eb
        .selectFrom('admin_unit')
        .select('admin_unit.name')
        .whereRef('admin_unit.code', '=', 'app_user.unit_code')
        .orderBy('admin_unit.valid_from', 'desc')
        .limit(1)
        .as('unit_name'),
      eb
        .selectFrom('user_session')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('user_session.user_id', '=', 'app_user.id')
        .where('user_session.expires_at', '>', now)
        .as('open_sessions'),
      sql<string[]>`coalesce((select array_agg(commune_code order by commune_code) from user_commune uc where uc.user_id = app_user.id), '{}')`.as('commune_codes'),
    ])
    .orderBy('app_user.username')
    .execute();
}

export async function updateUserRecord(
  db: Kysely<Database>,
  id: number,
  version: number,
  changes: { display_name: string; role: RoleCode; unit_code: string; agency_code: string | null },
): Promise<AppUser | undefined> {
  return db
    .updateTable('app_user')
    .set({ ...changes, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function replaceCommunes(db: Kysely<Database>, userId: number, communeCodes: readonly string[]): Promise<void> {
  await db.deleteFrom('user_commune').where('user_id', '=', userId).execute();
  await assignCommunes(db, userId, communeCodes);
}

export async function setUserActive(db: Kysely<Database>, id: number, version: number, active: boolean) {
  return db
    .updateTable('app_user')
    .set({ is_active: active, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function unlockUserRecord(db: Kysely<Database>, id: number): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ locked_at: null, locked_until: null, failed_login_count: 0, failed_login_since: null })
    .where('id', '=', id)
    .execute();
}

export async function countActiveAdmins(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'province_admin')
    .where('is_active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Units a user may be attached to: every unit of the province's reference data, latest version each. */
export function listAttachableUnits(db: Kysely<Database>) {
  return db
    .selectFrom('admin_unit')
    .select(['code', 'name', 'level', 'parent_code', 'valid_to'])
    .distinctOn('code')
    .orderBy('code')
    .orderBy('valid_from', 'desc')
    .execute();
}

export function listAgencies(db: Kysely<Database>) {
  return db.selectFrom('agency').select(['code', 'name']).orderBy('name').execute();
}
