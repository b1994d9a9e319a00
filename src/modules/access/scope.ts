/**
 * The one scope helper. Repositories pass every household-scoped query through
 * `communeScope`, and services ask `assertRole` before any action.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import type { RoleCode } from '../../db/schema.js';
import { forbidden } from '../../server/problem.js';
import type { Actor, Scope } from './actor.js';

/**
 * A WHERE condition limiting rows to the scope's communes.
 * @example db.selectFrom('household').where(communeScope(actor.scope, 'household.commune_code'))
 */
export function communeScope(scope: Scope, column: string): Expression<SqlBool> {
  if (scope.kind === 'province') return sql<SqlBool>`true`;
  if (scope.communeCodes.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`${sql.ref(column)} = any(${sql.val([...scope.communeCodes])}::text[])`;
}

/** True when a commune is inside the scope. */
export function scopeIncludesCommune(scope: Scope, communeCode: string): boolean {
  return scope.kind === 'province' || scope.communeCodes.includes(communeCode);
}

/** Throws 403 unless the actor has one of the roles. */
export function assertRole(actor: Actor, roles: readonly RoleCode[]): void {
  if (!roles.includes(actor.role)) throw forbidden();
}
