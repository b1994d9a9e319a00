import { request } from '../../api';

export interface OwnSession {
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
}

export interface OwnSessions {
  sessions: OwnSession[];
  idleMinutes: number;
  maxHours: number;
}

export const accountApi = {
  sessions: (signal?: AbortSignal) => request<OwnSessions>('/auth/sessions', { signal }),
};

/** A date-time in the user's language and the province's time zone (`20/05/2025 14:05`). */
export function formatDateTime(value: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(value));
}
