/** SQL that turns a user's unit and assignments into the set of communes they may see. */
import { type Kysely, sql } from 'kysely';
import type { AppUser, Database } from '../../db/schema.js';
import type { Scope } from './actor.js';

export interface ProvinceSetting {
  code: string;
  name: string;
  timeZone: string;
  previousCodes: string[];
}

export async function readProvinceSetting(db: Kysely<Database>): Promise<ProvinceSetting> {
  const row = await db
    .selectFrom('setting')
    .select('value')
    .where('key', '=', 'province')
    .executeTakeFirst();
  if (!row) throw new Error('reference data missing: setting "province" (run gnbv migrate)');
  return row.value as ProvinceSetting;
}

/**
 * The communes a unit covers, over time: a district covers every commune it ever had; a
 * commune covers itself and, when the code names a commune in force today (the 2025 units),
 * the old communes merged into it. A user's unit code is read as the unit in force today.
 */
async function communesOfUnit(db: Kysely<Database>, unitCode: string): Promise<string[]> {
  const result = await sql<{ code: string }>`
    select code from admin_unit where level = 'commune' and (code = ${unitCode} or parent_code = ${unitCode})
    union
    select old_code from unit_succession
     where new_code = ${unitCode}
       and exists (select 1 from admin_unit
                    where code = ${unitCode} and level = 'commune' and valid_to is null)
  `.execute(db);
  return result.rows.map((row) => row.code).sort();
}

export async function resolveScope(
  db: Kysely<Database>,
  user: Pick<AppUser, 'id' | 'role' | 'unit_code'>,
  province: ProvinceSetting,
): Promise<Scope> {
  const provinceCodes = [province.code, ...province.previousCodes];
  const wholeProvince: Scope = { kind: 'province', provinceCode: province.code };
  switch (user.role) {
    case 'province_admin':
    case 'province_agency':
      return wholeProvince;
    case 'supervisor':
      if (!user.unit_code || provinceCodes.includes(user.unit_code)) return wholeProvince;
      break;
    case 'reviewer': {
      const assigned = await db
        .selectFrom('user_commune')
        .select('commune_code')
        .where('user_id', '=', user.id)
        .execute();
      const units = [user.unit_code, ...assigned.map((row) => row.commune_code)].filter(
        (code): code is string => code !== null,
      );
      const codes = new Set<string>();
      for (const unit of units) for (const code of await communesOfUnit(db, unit)) codes.add(code);
      return { kind: 'communes', provinceCode: province.code, communeCodes: [...codes].sort() };
    }
    default:
      break;
  }
  const communeCodes = user.unit_code ? await communesOfUnit(db, user.unit_code) : [];
  return { kind: 'communes', provinceCode: province.code, communeCodes };
}
