import { z } from 'zod';
import { ROLES } from '../access/actor.js';

const role = z.enum(ROLES as [string, ...string[]]);

export const userIdParams = z.object({ id: z.coerce.number().int().positive() });

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role,
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  agencyCode: z.string().nullable(),
  agencyName: z.string().nullable(),
  communeCodes: z.array(z.string()),
  state: z.enum(['active', 'locked', 'disabled']),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  mustChangePassword: z.boolean(),
  openSessions: z.number(),
  isDemo: z.boolean(),
  version: z.number(),
});

export const usersResponse = z.object({ users: z.array(userSchema) });
export const userResponse = z.object({ user: userSchema });

export const userOptionsResponse = z.object({
  roles: z.array(z.object({ role, levels: z.array(z.enum(['province', 'district', 'commune'])) })),
  units: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      level: z.enum(['province', 'district', 'commune']),
      parentCode: z.string().nullable(),
      validTo: z.string().nullable(),
    }),
  ),
  agencies: z.array(z.object({ code: z.string(), name: z.string() })),
});

const communeCodes = z.array(z.string().min(1).max(20)).max(50);

/** The role is free text here so an unknown one is answered by the service with the list of roles. */
export const createUserBody = z.object({
  username: z.string().min(1).max(100),
  displayName: z.string().max(200).optional(),
  role: z.string().min(1).max(50),
  unitCode: z.string().max(20).optional(),
  agencyCode: z.string().max(20).nullable().optional(),
  communeCodes: communeCodes.optional(),
  /** A first password the user changes at first sign-in. */
  password: z.string().min(1).max(1000),
});

export const updateUserBody = z.object({
  version: z.number().int(),
  displayName: z.string().max(200),
  role: z.string().min(1).max(50),
  unitCode: z.string().min(1).max(20),
  agencyCode: z.string().max(20).nullable().optional(),
  communeCodes: communeCodes.optional(),
});

export const versionBody = z.object({ version: z.number().int() });
export const resetPasswordBody = z.object({ newPassword: z.string().min(1).max(1000) });
export const endedSessionsResponse = z.object({ endedSessions: z.number() });
