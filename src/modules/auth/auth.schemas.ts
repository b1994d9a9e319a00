import { z } from 'zod';
import { ROLES } from '../access/actor.js';

export const loginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const meSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES as [string, ...string[]]),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  agencyCode: z.string().nullable(),
  agencyName: z.string().nullable(),
  isDemo: z.boolean(),
  /** True after an administrator set the password: only changing it is allowed until then. */
  mustChangePassword: z.boolean(),
});

export const meResponse = z.object({ user: meSchema });

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(1000),
});

export const changePasswordResponse = z.object({ endedSessions: z.number() });

export const sessionsResponse = z.object({
  sessions: z.array(
    z.object({
      current: z.boolean(),
      createdAt: z.string(),
      lastSeenAt: z.string(),
      expiresAt: z.string(),
      userAgent: z.string().nullable(),
    }),
  ),
  idleMinutes: z.number(),
  maxHours: z.number(),
});

export const logoutEverywhereResponse = z.object({ endedSessions: z.number() });
