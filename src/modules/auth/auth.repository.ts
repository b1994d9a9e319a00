import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';

export async function insertSession(
  db: Kysely<Database>,
  session: { tokenHash: string; userId: number; expiresAt: Date; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('user_session')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      expires_at: session.expiresAt,
      user_agent: session.userAgent,
    })
    .execute();
}

/** The session with its user, whatever their state; the service decides whether it still counts. */
export function findSessionWithUser(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .selectAll('app_user')
    .select([
      'user_session.created_at as session_created_at',
      'user_session.expires_at as session_expires_at',
      'user_session.last_seen_at as session_last_seen_at',
    ])
    .where('user_session.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, tokenHash: string, at: Date): Promise<void> {
  await db.updateTable('user_session').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
}

/** Ends a user's sessions, all of them or all but one; returns how many ended. */
export async function deleteUserSessions(
  db: Kysely<Database>,
  userId: number,
  exceptTokenHash?: string,
): Promise<number> {
  let query = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (exceptTokenHash) query = query.where('token_hash', '<>', exceptTokenHash);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Drops sessions past their absolute end or idle longer than allowed. */
export async function deleteStaleSessions(db: Kysely<Database>, now: Date, idleSince: Date): Promise<void> {
  await db
    .deleteFrom('user_session')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleSince)]))
    .execute();
}

export function listUserSessions(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom('user_session')
    .select(['token_hash', 'created_at', 'last_seen_at', 'expires_at', 'user_agent'])
    .where('user_id', '=', userId)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

/**
 * Counts one failed sign-in, restarting the count when the previous failures are older than the
 * window, and returns the new count. One statement, so parallel attempts all count.
 */
export async function countFailedLogin(db: Kysely<Database>, userId: number, now: Date, windowStart: Date): Promise<number> {
  const row = await db
    .updateTable('app_user')
    .set({
      failed_login_count: sql<number>`case when failed_login_since >= ${windowStart} then failed_login_count + 1 else 1 end`,
      failed_login_since: sql<Date>`case when failed_login_since >= ${windowStart} then failed_login_since else ${now} end`,
    })
    .where('id', '=', userId)
    .returning('failed_login_count')
    .executeTakeFirstOrThrow();
  return row.failed_login_count;
}

/** Locks the user unless already locked; true when this call locked it. */
export async function lockUser(db: Kysely<Database>, userId: number, now: Date, until: Date | null): Promise<boolean> {
  const result = await db
    .updateTable('app_user')
    .set({ locked_at: now, locked_until: until, failed_login_count: 0, failed_login_since: null })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_at', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function recordSuccessfulLogin(db: Kysely<Database>, userId: number, now: Date): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ last_login_at: now, failed_login_count: 0, failed_login_since: null, locked_at: null, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

export async function updatePasswordHash(
  db: Kysely<Database>,
  userId: number,
  passwordHash: string,
  options: { mustChange: boolean; now: Date },
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, must_change_password: options.mustChange, password_changed_at: options.now })
    .where('id', '=', userId)
    .execute();
}
