/**
 * Sign-in with sessions: the cookie carries a random token; the database keeps its hash. A
 * session ends on sign-out, after `sessionIdleMinutes` without a request, `sessionMaxHours` after
 * sign-in, or when the user (or an administrator) ends all of the user's sessions.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppUser, Database } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import { type ProvinceSetting, resolveScope } from '../access/scope.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import type { Language } from '../../server/language.js';
import { message } from '../../server/messages.js';
import { HttpProblem } from '../../server/problem.js';
import { findAgency, findUnitForUser, findUserById, findUserByUsername } from '../users/users.repository.js';
import { hashPassword, verifyPassword } from './password.js';
import { FieldMessagesProblem } from './field-problem.js';
import { assertPasswordRules } from './password-rules.js';
import type { SecuritySettings } from './security-settings.js';
import {
  countFailedLogin,
  deleteSession,
  deleteStaleSessions,
  deleteUserSessions,
  findSessionWithUser,
  insertSession,
  listUserSessions,
  lockUser,
  recordSuccessfulLogin,
  touchSession,
  updatePasswordHash,
} from './auth.repository.js';

export const SESSION_COOKIE = 'gnbv_session';

/** `last_seen_at` is written at most this often, so reading pages does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: AppUser;
}

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

/** True while the user is locked at `now`. */
export function isLocked(user: Pick<AppUser, 'locked_at' | 'locked_until'>, now: Date): boolean {
  return user.locked_at !== null && (user.locked_until === null || user.locked_until > now);
}

const loginFailed = () => new HttpProblem(401, 'login_failed.detail', {}, { titleKey: 'login_failed.title' });

/**
 * Wrong username and wrong password give the same 401, also for a locked or disabled account:
 * only someone who typed the right password learns that the account is locked or disabled, so
 * the answers never tell which usernames exist.
 */
export async function login(
  db: Kysely<Database>,
  input: LoginInput,
  settings: SecuritySettings,
  timeZone: string,
): Promise<LoginResult> {
  const user = await findUserByUsername(db, input.username.trim().toLowerCase());
  const valid = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user) throw loginFailed();
  const now = new Date();
  if (isLocked(user, now)) {
    if (!valid) throw loginFailed();
    throw lockedProblem(user.locked_until, timeZone);
  }
  if (!valid) {
    await registerFailedLogin(db, user, now, settings, input.ip);
    throw loginFailed();
  }
  if (!user.is_active) throw new HttpProblem(403, 'auth.disabled', {}, { titleKey: 'login_failed.title' });
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + settings.sessionMaxHours * 3600_000);
  await deleteStaleSessions(db, now, new Date(now.getTime() - settings.sessionIdleMinutes * 60_000));
  await db.transaction().execute(async (trx) => {
    await insertSession(trx, {
      tokenHash: hashToken(token),
      userId: user.id,
      expiresAt,
      userAgent: input.userAgent?.slice(0, 200) ?? null,
    });
    await recordSuccessfulLogin(trx, user.id, now);
    await recordAudit(trx, { userId: user.id, action: 'login', entity: 'session', entityId: String(user.id), ip: input.ip });
  });
  return { token, expiresAt, user };
}

async function registerFailedLogin(
  db: Kysely<Database>,
  user: AppUser,
  now: Date,
  settings: SecuritySettings,
  ip: string | null,
): Promise<void> {
  const windowStart = new Date(now.getTime() - settings.lockoutWindowMinutes * 60_000);
  const failures = await countFailedLogin(db, user.id, now, windowStart);
  if (failures < settings.lockoutAttempts) return;
  const until = settings.lockoutMinutes > 0 ? new Date(now.getTime() + settings.lockoutMinutes * 60_000) : null;
  await db.transaction().execute(async (trx) => {
    if (!(await lockUser(trx, user.id, now, until))) return;
    await recordAudit(trx, {
      userId: null,
      action: 'lock',
      entity: 'user',
      entityId: String(user.id),
      after: { failedSignIns: failures, withinMinutes: settings.lockoutWindowMinutes, lockedUntil: until?.toISOString() ?? null },
      ip,
    });
  });
}

function lockedProblem(until: Date | null, timeZone: string): HttpProblem {
  if (!until) return new HttpProblem(403, 'auth.locked.admin', {}, { titleKey: 'auth.locked.title' });
  return new LockedProblem(until, timeZone);
}

/** 403 naming when the lock ends, in the province's time zone and the reader's language. */
class LockedProblem extends HttpProblem {
  constructor(
    readonly until: Date,
    readonly timeZone: string,
  ) {
    super(403, 'auth.locked.until', {}, { titleKey: 'auth.locked.title' });
  }

  override render(language: Language) {
    const formatted = new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
      timeZone: this.timeZone,
      hour: '2-digit',
      minute: '2-digit',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).format(this.until);
    const body = super.render(language);
    return { ...body, detail: message('auth.locked.until', language, { until: formatted }) };
  }
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await deleteSession(db, hashToken(token));
}

/** Ends every session of the actor, this one included. */
export async function logoutEverywhere(db: Kysely<Database>, actor: Actor, ip: string | null): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await deleteUserSessions(trx, actor.userId);
    await recordAudit(trx, { userId: actor.userId, action: 'logout_everywhere', entity: 'session', entityId: String(actor.userId), after: { ended }, ip });
    return ended;
  });
}

export type SessionResolution =
  | { kind: 'active'; actor: Actor; mustChangePassword: boolean }
  | { kind: 'ended'; reason: 'idle' | 'absolute' | 'ended' };

/** The actor behind a session cookie, or why the session no longer counts. */
export async function resolveSession(
  db: Kysely<Database>,
  token: string,
  province: ProvinceSetting,
  settings: SecuritySettings,
): Promise<SessionResolution> {
  const tokenHash = hashToken(token);
  const row = await findSessionWithUser(db, tokenHash);
  if (!row || !row.is_active) return { kind: 'ended', reason: 'ended' };
  const now = new Date();
  const idleFor = now.getTime() - row.session_last_seen_at.getTime();
  if (row.session_expires_at <= now || idleFor > settings.sessionIdleMinutes * 60_000) {
    await deleteSession(db, tokenHash);
    return { kind: 'ended', reason: row.session_expires_at <= now ? 'absolute' : 'idle' };
  }
  if (idleFor >= TOUCH_EVERY_MS) await touchSession(db, tokenHash, now);
  return {
    kind: 'active',
    mustChangePassword: row.must_change_password,
    actor: { ...userFields(row), scope: await resolveScope(db, row, province) },
  };
}

/** The problem a request with an ended session gets. */
export function sessionEndedProblem(reason: 'idle' | 'absolute' | 'ended', settings: SecuritySettings): HttpProblem {
  if (reason === 'idle') return new HttpProblem(401, 'session.idle', { minutes: settings.sessionIdleMinutes }, { titleKey: 'session.title' });
  if (reason === 'absolute') return new HttpProblem(401, 'session.absolute', { hours: settings.sessionMaxHours }, { titleKey: 'session.title' });
  return new HttpProblem(401, 'session.ended', {}, { titleKey: 'session.title' });
}

/**
 * Changes the actor's own password: the current one must be right and the new one must meet the
 * rules. The other sessions end (whoever knew the old password is signed out); this one stays.
 */
export async function changeOwnPassword(
  db: Kysely<Database>,
  actor: Actor,
  sessionToken: string,
  input: { currentPassword: string; newPassword: string },
  ip: string | null,
): Promise<{ endedSessions: number }> {
  const user = await findUserById(db, actor.userId);
  if (!user) throw new HttpProblem(401, 'session.ended', {}, { titleKey: 'session.title' });
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new FieldMessagesProblem(400, 'password.invalid', [{ field: 'currentPassword', key: 'password.wrong_current' }]);
  }
  assertPasswordRules(input.newPassword, user.username, 'newPassword');
  if (await verifyPassword(user.password_hash, input.newPassword)) {
    throw new FieldMessagesProblem(400, 'password.invalid', [{ field: 'newPassword', key: 'password.same_as_current' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, user.id, passwordHash, { mustChange: false, now });
    const endedSessions = await deleteUserSessions(trx, user.id, hashToken(sessionToken));
    await recordAudit(trx, { userId: user.id, action: 'password_change', entity: 'user', entityId: String(user.id), after: { endedSessions }, ip });
    return { endedSessions };
  });
}

export async function listOwnSessions(db: Kysely<Database>, actor: Actor, sessionToken: string) {
  const current = hashToken(sessionToken);
  const rows = await listUserSessions(db, actor.userId);
  return rows.map((row) => ({
    current: row.token_hash === current,
    createdAt: row.created_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    userAgent: row.user_agent,
  }));
}

type ActorFields = Omit<Actor, 'scope'>;

export function userFields(user: AppUser): ActorFields {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    unitCode: user.unit_code,
    agencyCode: user.agency_code,
    isDemo: user.is_demo,
  };
}

/** What `GET /api/me` shows of the signed-in user. */
export async function describeActor(db: Kysely<Database>, actor: ActorFields, mustChangePassword = false) {
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
    mustChangePassword,
  };
}
