/** Sign-in with sessions: the cookie carries a random token; the database keeps its hash. */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppUser, Database } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { type ProvinceSetting, resolveScope } from '../access/scope.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import { HttpProblem } from '../../server/problem.js';
import { findAgency, findUnitForUser, findUserByUsername } from '../users/users.repository.js';
import { verifyPassword } from './password.js';
import {
  deleteExpiredSessions,
  deleteSession,
  findActiveSessionUser,
  insertSession,
} from './auth.repository.js';

export const SESSION_COOKIE = 'gnbv_session';
export const SESSION_HOURS = 12;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: AppUser;
}

/** Wrong username and wrong password give the same 401. */
export async function login(
  db: Kysely<Database>,
  username: string,
  password: string,
  ip: string | null,
): Promise<LoginResult> {
  const user = await findUserByUsername(db, username.trim().toLowerCase());
  const valid = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !valid || !user.is_active) throw new HttpProblem(401, 'login_failed.detail', {}, { titleKey: 'login_failed.title' });
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await deleteExpiredSessions(db);
  await insertSession(db, hashToken(token), user.id, expiresAt);
  await recordAudit(db, { userId: user.id, action: 'login', entity: 'session', entityId: String(user.id), ip });
  return { token, expiresAt, user };
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await deleteSession(db, hashToken(token));
}

export async function actorFromToken(
  db: Kysely<Database>,
  token: string,
  province: ProvinceSetting,
): Promise<Actor | null> {
  const user = await findActiveSessionUser(db, hashToken(token));
  if (!user) return null;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    unitCode: user.unit_code,
    agencyCode: user.agency_code,
    isDemo: user.is_demo,
    scope: await resolveScope(db, user, province),
  };
}

/** What `GET /api/me` shows of the signed-in user. */
export async function describeActor(db: Kysely<Database>, actor: Actor) {
  const unit = actor.unitCode ? await findUnitForUser(db, actor.unitCode) : undefined;
  const agency = actor.agencyCode ? await findAgency(db, actor.agencyCode) : undefined;
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    unitCode: actor.unitCode,
    unitName: unit?.name ?? null,
    agencyCode: actor.agencyCode,
    agencyName: agency?.name ?? null,
    isDemo: actor.isDemo,
  };
}
