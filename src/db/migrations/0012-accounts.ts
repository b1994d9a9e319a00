import { type Kysely, sql } from 'kysely';

/**
 * Accounts and sessions (issue #9): lockout after failed sign-ins, a password an administrator
 * set that must be changed, the last sign-in, and sessions that end after a time without use.
 *
 * A user is locked while `locked_at` is set and `locked_until` is null (until a province admin
 * unlocks) or still ahead. Failed sign-ins are counted from `failed_login_since`; a success or an
 * unlock resets the count. None of these changes bumps `version`, which tracks edits by people.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table app_user
      add column must_change_password boolean not null default false,
      add column password_changed_at timestamptz,
      add column last_login_at timestamptz,
      add column failed_login_count integer not null default 0,
      add column failed_login_since timestamptz,
      add column locked_at timestamptz,
      add column locked_until timestamptz;
    alter table user_session
      add column last_seen_at timestamptz not null default now(),
      add column user_agent text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table user_session drop column last_seen_at, drop column user_agent;
    alter table app_user
      drop column must_change_password, drop column password_changed_at, drop column last_login_at,
      drop column failed_login_count, drop column failed_login_since, drop column locked_at,
      drop column locked_until;
  `.execute(db);
}
