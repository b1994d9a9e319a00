import type { Kysely } from 'kysely';
import type { AppUser, Database, NewAppUser } from '../../db/schema.js';

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
