/** Creating users: the command line (`gnbv user create`) and the demo seed go through here. */
import type { Kysely } from 'kysely';
import type { AppUser, Database, RoleCode, UnitLevel } from '../../db/schema.js';
import { ROLES } from '../access/actor.js';
import { MIN_PASSWORD_LENGTH, hashPassword } from '../auth/password.js';
import { recordAudit } from '../audit/audit.repository.js';
import {
  assignCommunes,
  findAgency,
  findUnitForUser,
  findUserByUsername,
  insertUser,
} from './users.repository.js';

export class UserInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
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

export interface CreateUserInput {
  username: string;
  password: string;
  role: string;
  unitCode?: string | undefined;
  agencyCode?: string | undefined;
  displayName?: string | undefined;
  /** Extra communes for a reviewer. */
  communeCodes?: readonly string[];
  isDemo?: boolean;
  createdBy?: number | null;
}

const USERNAME = /^[a-z0-9._-]{3,40}$/;

export async function createUser(db: Kysely<Database>, input: CreateUserInput): Promise<AppUser> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw new UserInputError(
      'username',
      'Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang.',
    );
  }
  if (!ROLES.includes(input.role as RoleCode)) {
    throw new UserInputError('role', `Vai trò "${input.role}" không có; chọn một trong: ${ROLES.join(', ')}.`);
  }
  const role = input.role as RoleCode;
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new UserInputError('password', `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`);
  }
  if (!input.unitCode) throw new UserInputError('unit', 'Cần mã đơn vị (--unit).');
  const unit = await findUnitForUser(db, input.unitCode);
  if (!unit) throw new UserInputError('unit', `Không có đơn vị hành chính mã ${input.unitCode}.`);
  if (!LEVELS_BY_ROLE[role].includes(unit.level)) {
    throw new UserInputError(
      'unit',
      `Vai trò ${role} phải gắn với đơn vị cấp ${LEVELS_BY_ROLE[role].join('/')}; ${unit.name} là cấp ${unit.level}.`,
    );
  }
  let agencyCode: string | null = null;
  if (role === 'province_agency') {
    if (!input.agencyCode) throw new UserInputError('agency', 'Người dùng của sở, ngành cần mã cơ quan (--agency).');
    const agency = await findAgency(db, input.agencyCode);
    if (!agency) throw new UserInputError('agency', `Không có cơ quan mã ${input.agencyCode}.`);
    agencyCode = agency.code;
  }
  if (await findUserByUsername(db, username)) {
    throw new UserInputError('username', `Tên đăng nhập "${username}" đã có.`);
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, {
      username,
      display_name: (input.displayName ?? username).normalize('NFC'),
      password_hash: passwordHash,
      role,
      unit_code: unit.code,
      agency_code: agencyCode,
      is_demo: input.isDemo ?? false,
    });
    await assignCommunes(trx, user.id, input.communeCodes ?? []);
    await recordAudit(trx, {
      userId: input.createdBy ?? null,
      action: 'create',
      entity: 'user',
      entityId: String(user.id),
      after: { username, role, unitCode: unit.code, agencyCode },
    });
    return user;
  });
}
