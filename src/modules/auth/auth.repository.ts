import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export async function insertSession(
  db: Kysely<Database>,
  tokenHash: string,
  userId: number,
  expiresAt: Date,
): Promise<void> {
  await db
    .insertInto('user_session')
    .values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt })
    .execute();
}

export function findActiveSessionUser(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .selectAll('app_user')
    .where('user_session.token_hash', '=', tokenHash)
    .where('user_session.expires_at', '>', new Date())
    .where('app_user.is_active', '=', true)
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('user_session').where('expires_at', '<=', new Date()).execute();
}
