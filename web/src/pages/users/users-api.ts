import { request, type Role, type UnitLevel } from '../../api';

export type UserState = 'active' | 'locked' | 'disabled';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  unitName: string | null;
  agencyCode: string | null;
  agencyName: string | null;
  communeCodes: string[];
  state: UserState;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  mustChangePassword: boolean;
  openSessions: number;
  isDemo: boolean;
  version: number;
}

export interface UserOptions {
  roles: Array<{ role: Role; levels: UnitLevel[] }>;
  units: Array<{ code: string; name: string; level: UnitLevel; parentCode: string | null; validTo: string | null }>;
  agencies: Array<{ code: string; name: string }>;
}

export interface UserInput {
  displayName: string;
  role: Role;
  unitCode: string;
  agencyCode: string | null;
}

const path = (id: number) => `/users/${id}`;

export const usersApi = {
  list: (signal?: AbortSignal) => request<{ users: UserRow[] }>('/users', { signal }),
  options: (signal?: AbortSignal) => request<UserOptions>('/users/options', { signal }),
  create: (input: UserInput & { username: string; password: string }) =>
    request<{ user: UserRow }>('/users', { method: 'POST', body: input }),
  update: (user: UserRow, input: UserInput) =>
    request<{ user: UserRow }>(path(user.id), { method: 'PATCH', body: { ...input, version: user.version } }),
  disable: (user: UserRow) => request<{ user: UserRow }>(`${path(user.id)}/disable`, { method: 'POST', body: { version: user.version } }),
  enable: (user: UserRow) => request<{ user: UserRow }>(`${path(user.id)}/enable`, { method: 'POST', body: { version: user.version } }),
  unlock: (user: UserRow) => request<{ user: UserRow }>(`${path(user.id)}/unlock`, { method: 'POST' }),
  resetPassword: (user: UserRow, newPassword: string) =>
    request<{ user: UserRow }>(`${path(user.id)}/password`, { method: 'POST', body: { newPassword } }),
  endSessions: (user: UserRow) => request<{ endedSessions: number }>(`${path(user.id)}/end-sessions`, { method: 'POST' }),
};
