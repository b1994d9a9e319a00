/** Demo users, one per role; they exist only in a database seeded with the demo province. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { createUser } from './users.service.js';

export const DEMO_PASSWORD = 'demo1234';

export const DEMO_USERS = [
  { username: 'admin', role: 'province_admin', unitCode: '52', displayName: 'Quản trị tỉnh (mô phỏng)' },
  { username: 'agency', role: 'province_agency', unitCode: '52', agencyCode: 'SNNMT', displayName: 'Cán bộ Sở Nông nghiệp và Môi trường (mô phỏng)' },
  { username: 'district', role: 'district_officer', unitCode: '630', displayName: 'Cán bộ huyện Kông Chro (mô phỏng)' },
  { username: 'commune', role: 'commune_officer', unitCode: '23830', displayName: 'Cán bộ xã Chư Krey (mô phỏng)' },
  { username: 'reviewer', role: 'reviewer', unitCode: '23830', displayName: 'Rà soát viên xã Chư Krey (mô phỏng)' },
  { username: 'supervisor', role: 'supervisor', unitCode: '52', displayName: 'Giám sát viên MTTQ tỉnh (mô phỏng)' },
] as const;

export async function createDemoUsers(db: Kysely<Database>): Promise<void> {
  for (const user of DEMO_USERS) {
    const existing = await db.selectFrom('app_user').select('id').where('username', '=', user.username).executeTakeFirst();
    if (existing) continue;
    await createUser(db, { ...user, password: DEMO_PASSWORD, isDemo: true });
  }
}

export async function listDemoUsernames(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('app_user').select('username').where('is_demo', '=', true).orderBy('id').execute();
  return rows.map((row) => row.username);
}
