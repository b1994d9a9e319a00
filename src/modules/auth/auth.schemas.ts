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
});

export const meResponse = z.object({ user: meSchema });
