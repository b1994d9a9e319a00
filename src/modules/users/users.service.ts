/**
 * Users: the province admin's users page (`/api/users`), the command line (`gnbv user create`)
 * and the demo seed. Only a province admin reads or changes other users.
 */
import type { Kysely } from 'kysely';
import type { AppUser, Database, RoleCode, UnitLevel } from '../../db/schema.js';
import { type Actor, ROLES } from '../access/actor.js';
import { assertRole } from '../access/scope.js';
import { recordAudit } from '../audit/audit.repository.js';
import { deleteUserSessions, updatePasswordHash } from '../auth/auth.repository.js';
import { isLocked } from '../auth/auth.service.js';
import { type FieldMessage, FieldMessagesProblem } from '../auth/field-problem.js';
import { hashPassword } from '../auth/password.js';
import { passwordRuleMessages } from '../auth/password-rules.js';
import { type MessageKey, message } from '../../server/messages.js';
import { HttpProblem, notFound } from '../../server/problem.js';
import {
  assignCommunes,
  countActiveAdmins,
  findAgency,
  findUnitForUser,
  findUserById,
  findUserByUsername,
  insertUser,
  listAgencies,
  listAttachableUnits,
  listUsersWithPlaces,
  replaceCommunes,
  setUserActive,
  unlockUserRecord,
  updateUserRecord,
} from './users.repository.js';

/**
 * Bad user details: field messages for the API (in the reader's language) and, for the command
 * line, `field` and a Vietnamese `message`.
 */
export class UserInputError extends FieldMessagesProblem {
  readonly field: string;

  constructor(fields: FieldMessage[], detailKey: MessageKey = 'users.invalid') {
    super(400, detailKey, fields);
    this.field = [...new Set(fields.map((entry) => entry.field))].join(', ');
    this.message = fields.map((entry) => message(entry.key, 'vi', entry.params ?? {})).join(' ');
  }
}

/** The unit level each role is attached to (a supervisor may sit at any level). */
const LEVELS_BY_ROLE: Record<RoleCode, readonly UnitLevel[]> = {
  province_admin: ['province'],
  province_agency: ['province'],
  district_officer: ['district'],
  commune_officer: ['commune'],
  reviewer: ['commune'],
  supervisor: ['province', 'district', 'commune'],
};

const USERNAME = /^[a-z0-9._-]{3,40}$/;

interface Placement {
  role: RoleCode;
  unitCode: string;
  agencyCode: string | null;
}

/** Checks a role with its unit and agency; field messages for whatever is wrong. */
async function checkPlacement(
  db: Kysely<Database>,
  input: { role: string; unitCode?: string | undefined; agencyCode?: string | undefined | null },
): Promise<{ placement: Placement | null; problems: FieldMessage[] }> {
  if (!ROLES.includes(input.role as RoleCode)) {
    return { placement: null, problems: [{ field: 'role', key: 'users.role_unknown', params: { role: input.role, roles: ROLES.join(', ') } }] };
  }
  const role = input.role as RoleCode;
  const problems: FieldMessage[] = [];
  let unitCode: string | null = null;
  if (!input.unitCode) problems.push({ field: 'unit', key: 'users.unit_required' });
  else {
    const unit = await findUnitForUser(db, input.unitCode);
    if (!unit) problems.push({ field: 'unit', key: 'users.unit_unknown', params: { code: input.unitCode } });
    else if (!LEVELS_BY_ROLE[role].includes(unit.level)) {
      problems.push({
        field: 'unit',
        key: 'users.unit_level',
        params: { role, levels: LEVELS_BY_ROLE[role].join('/'), name: unit.name, level: unit.level },
      });
    } else unitCode = unit.code;
  }
  let agencyCode: string | null = null;
  if (role === 'province_agency') {
    if (!input.agencyCode) problems.push({ field: 'agency', key: 'users.agency_required' });
    else {
      const agency = await findAgency(db, input.agencyCode);
      if (!agency) problems.push({ field: 'agency', key: 'users.agency_unknown', params: { code: input.agencyCode } });
      else agencyCode = agency.code;
    }
  }
  if (problems.length > 0 || unitCode === null) return { placement: null, problems };
  return { placement: { role, unitCode, agencyCode }, problems };
}

export interface CreateUserInput {
  username: string;
  password: string;
  role: string;
  unitCode?: string | undefined;
  agencyCode?: string | undefined;
  displayName?: string | undefined;
  /** Extra communes for a reviewer. */
  communeCodes?: readonly string[];
  /** Demo users keep the short demo password: the password rules apply to every other user. */
  isDemo?: boolean;
  /** True when someone other than the user chose the password (an admin): changed at first sign-in. */
  mustChangePassword?: boolean;
  createdBy?: number | null;
  ip?: string | null;
}

export async function createUser(db: Kysely<Database>, input: CreateUserInput): Promise<AppUser> {
  const username = input.username.trim().toLowerCase();
  const problems: FieldMessage[] = [];
  if (!USERNAME.test(username)) problems.push({ field: 'username', key: 'users.username_format' });
  else if (await findUserByUsername(db, username)) problems.push({ field: 'username', key: 'users.username_taken', params: { username } });
  if (!input.isDemo) {
    for (const rule of passwordRuleMessages(input.password, username)) problems.push({ field: 'password', ...rule });
  }
  const { placement, problems: placementProblems } = await checkPlacement(db, input);
  problems.push(...placementProblems);
  if (problems.length > 0 || !placement) throw new UserInputError(problems);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, {
      username,
      display_name: (input.displayName?.trim() || username).normalize('NFC'),
      password_hash: passwordHash,
      role: placement.role,
      unit_code: placement.unitCode,
      agency_code: placement.agencyCode,
      is_demo: input.isDemo ?? false,
      must_change_password: input.mustChangePassword ?? false,
    });
    await assignCommunes(trx, user.id, input.communeCodes ?? []);
    await recordAudit(trx, {
      userId: input.createdBy ?? null,
      action: 'create',
      entity: 'user',
      entityId: String(user.id),
      after: { username, role: placement.role, unitCode: placement.unitCode, agencyCode: placement.agencyCode },
      ip: input.ip ?? null,
    });
    return user;
  });
}

export type UserState = 'active' | 'locked' | 'disabled';

/** Every user, for the users page. */
export async function listUsers(db: Kysely<Database>, actor: Actor) {
  assertRole(actor, ['province_admin']);
  const now = new Date();
  const rows = await listUsersWithPlaces(db, now);
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitCode: row.unit_code,
    unitName: row.unit_name ?? null,
    agencyCode: row.agency_code,
    agencyName: row.agency_name ?? null,
    communeCodes: row.commune_codes,
    state: (!row.is_active ? 'disabled' : isLocked(row, now) ? 'locked' : 'active') as UserState,
    lockedUntil: isLocked(row, now) ? (row.locked_until?.toISOString() ?? null) : null,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    mustChangePassword: row.must_change_password,
    openSessions: Number(row.open_sessions ?? 0),
    isDemo: row.is_demo,
    version: row.version,
  }));
}

/** Roles, units and agencies the form offers. */
export async function userFormOptions(db: Kysely<Database>, actor: Actor) {
  assertRole(actor, ['province_admin']);
  const [units, agencies] = await Promise.all([listAttachableUnits(db), listAgencies(db)]);
  return {
    roles: ROLES.map((role) => ({ role, levels: [...LEVELS_BY_ROLE[role]] })),
    units: units.map((unit) => ({ code: unit.code, name: unit.name, level: unit.level, parentCode: unit.parent_code, validTo: unit.valid_to })),
    agencies,
  };
}

async function findTarget(db: Kysely<Database>, id: number): Promise<AppUser> {
  const user = await findUserById(db, id);
  if (!user) throw notFound('users.not_found', { id });
  return user;
}

function staleVersion(user: AppUser): HttpProblem {
  return new HttpProblem(409, 'users.version', { username: user.username, current: user.version });
}

/** Refuses a change that would leave no active province admin, or an admin demoting or disabling themself. */
async function assertAdminsRemain(db: Kysely<Database>, actor: Actor, target: AppUser, stillAdmin: boolean): Promise<void> {
  if (target.role !== 'province_admin' || stillAdmin) return;
  if (target.id === actor.userId) throw new HttpProblem(409, 'users.self');
  if (target.is_active && (await countActiveAdmins(db)) <= 1) throw new HttpProblem(409, 'users.last_admin');
}

export interface UpdateUserInput {
  version: number;
  displayName: string;
  role: string;
  unitCode: string;
  agencyCode?: string | null | undefined;
  communeCodes?: readonly string[] | undefined;
}

export async function updateUser(db: Kysely<Database>, actor: Actor, id: number, input: UpdateUserInput, ip: string | null) {
  assertRole(actor, ['province_admin']);
  const target = await findTarget(db, id);
  const { placement, problems } = await checkPlacement(db, input);
  if (!placement) throw new UserInputError(problems);
  if (target.version !== input.version) throw staleVersion(target);
  await assertAdminsRemain(db, actor, target, placement.role === 'province_admin');
  const before = { displayName: target.display_name, role: target.role, unitCode: target.unit_code, agencyCode: target.agency_code };
  return db.transaction().execute(async (trx) => {
    const updated = await updateUserRecord(trx, id, input.version, {
      display_name: (input.displayName.trim() || target.username).normalize('NFC'),
      role: placement.role,
      unit_code: placement.unitCode,
      agency_code: placement.agencyCode,
    });
    if (!updated) throw staleVersion(target);
    if (input.communeCodes) await replaceCommunes(trx, id, placement.role === 'reviewer' ? input.communeCodes : []);
    await recordAudit(trx, {
      userId: actor.userId,
      action: 'update',
      entity: 'user',
      entityId: String(id),
      before,
      after: { displayName: updated.display_name, role: updated.role, unitCode: updated.unit_code, agencyCode: updated.agency_code },
      ip,
    });
    return updated;
  });
}

/** Disables (ending every session) or enables a user. */
export async function setActive(db: Kysely<Database>, actor: Actor, id: number, input: { version: number; active: boolean }, ip: string | null) {
  assertRole(actor, ['province_admin']);
  const target = await findTarget(db, id);
  if (target.version !== input.version) throw staleVersion(target);
  if (!input.active) {
    if (target.id === actor.userId) throw new HttpProblem(409, 'users.self');
    await assertAdminsRemain(db, actor, target, false);
  }
  return db.transaction().execute(async (trx) => {
    const updated = await setUserActive(trx, id, input.version, input.active);
    if (!updated) throw staleVersion(target);
    const endedSessions = input.active ? 0 : await deleteUserSessions(trx, id);
    await recordAudit(trx, {
      userId: actor.userId,
      action: input.active ? 'enable' : 'disable',
      entity: 'user',
      entityId: String(id),
      before: { active: target.is_active },
      after: { active: input.active, endedSessions },
      ip,
    });
    return updated;
  });
}

export async function unlockUser(db: Kysely<Database>, actor: Actor, id: number, ip: string | null): Promise<void> {
  assertRole(actor, ['province_admin']);
  const target = await findTarget(db, id);
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    await unlockUserRecord(trx, id);
    await recordAudit(trx, {
      userId: actor.userId,
      action: 'unlock',
      entity: 'user',
      entityId: String(id),
      before: { locked: isLocked(target, now), lockedUntil: target.locked_until?.toISOString() ?? null, failedSignIns: target.failed_login_count },
      after: { locked: false },
      ip,
    });
  });
}

/**
 * An admin gives the user a new password: it meets the rules, must be changed at the next
 * sign-in, lifts a lock and ends the user's sessions. The audit row never holds the password.
 */
export async function resetPassword(db: Kysely<Database>, actor: Actor, id: number, newPassword: string, ip: string | null): Promise<void> {
  assertRole(actor, ['province_admin']);
  const target = await findTarget(db, id);
  const broken = passwordRuleMessages(newPassword, target.username);
  if (broken.length > 0) throw new UserInputError(broken.map((rule) => ({ field: 'newPassword', ...rule })), 'password.invalid');
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, id, passwordHash, { mustChange: true, now: new Date() });
    await unlockUserRecord(trx, id);
    const endedSessions = await deleteUserSessions(trx, id);
    await recordAudit(trx, { userId: actor.userId, action: 'password_reset', entity: 'user', entityId: String(id), after: { mustChangePassword: true, endedSessions }, ip });
  });
}

export async function endSessions(db: Kysely<Database>, actor: Actor, id: number, ip: string | null): Promise<number> {
  assertRole(actor, ['province_admin']);
  await findTarget(db, id);
  return db.transaction().execute(async (trx) => {
    const ended = await deleteUserSessions(trx, id);
    await recordAudit(trx, { userId: actor.userId, action: 'end_sessions', entity: 'user', entityId: String(id), after: { ended }, ip });
    return ended;
  });
}
