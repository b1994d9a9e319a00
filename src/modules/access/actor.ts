/**
 * Who is asking, and what they may see. Every service takes an Actor and every
 * household-scoped query goes through `communeScope` (scope.ts), so scope is decided in one place.
 */
import type { RoleCode } from '../../db/schema.js';

/** Whole province, or a fixed set of communes (old and new codes). */
export type Scope =
  | { kind: 'province'; provinceCode: string }
  | { kind: 'communes'; provinceCode: string; communeCodes: readonly string[] };

export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  role: RoleCode;
  unitCode: string | null;
  agencyCode: string | null;
  isDemo: boolean;
  scope: Scope;
}

export const ROLES: readonly RoleCode[] = [
  'province_admin',
  'province_agency',
  'district_officer',
  'commune_officer',
  'reviewer',
  'supervisor',
];

/** Roles that may change data at all; a supervisor only reads. */
export const WRITER_ROLES: readonly RoleCode[] = ROLES.filter((role) => role !== 'supervisor');
