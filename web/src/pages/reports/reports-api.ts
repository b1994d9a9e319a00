/** The reports' HTTP calls (`/api/reports/*`) and the shapes they answer with. */
import { ApiError, type Problem, csrfHeaders, request } from '../../api';

export type DeadlineState = 'on_time' | 'late_submitted' | 'overdue' | 'due_soon' | 'upcoming';
export type SubmissionStatus = 'draft' | 'submitted' | 'returned' | 'accepted';
export type ReportName = 'summary' | 'poor-movements' | 'near-poor-movements' | 'deprivations' | 'target-groups' | 'ethnicity' | 'households' | 'program-six-month' | 'program-annual';
export type ReportFormat = 'xlsx' | 'pdf' | 'csv' | 'json';

export const REPORT_NAMES: ReportName[] = ['summary', 'poor-movements', 'near-poor-movements', 'deprivations', 'target-groups', 'ethnicity', 'households', 'program-six-month', 'program-annual'];

/** What a submission may carry (the server checks the same: type, extension, first bytes, 10 MB). */
export const ATTACHMENT_ACCEPT = '.pdf,.xlsx,.docx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface Attachment {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
  uploadedAt: string;
}
export const REPORT_FORMATS: ReportFormat[] = ['xlsx', 'pdf', 'csv', 'json'];

export interface Submission {
  id: number;
  attachments: Attachment[];
  status: SubmissionStatus;
  note: string | null;
  returnReason: string | null;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  version: number;
}

export interface CalendarObligation {
  id: number;
  code: string;
  title: { vi: string; en: string };
  dueOn: string;
  from: string[];
  to: string[];
  via: string | null;
  fromParties: string[];
  toParties: string[];
  source: string;
  version: number;
  dueState: DeadlineState;
  expected: number;
  submitted: number;
  accepted: number;
  overdue: number;
  mine: Array<{ submitter: string; name: string; state: DeadlineState; submission: Submission | null }>;
}

export interface Matrix {
  year: number;
  today: string;
  obligations: Array<{ id: number; code: string; title: { vi: string; en: string }; dueOn: string }>;
  rows: Array<{
    submitter: string;
    name: string;
    level: string;
    overdue: number;
    late: number;
    cells: Record<string, { state: DeadlineState; status: SubmissionStatus | null; submissionId: number | null; version: number | null }>;
  }>;
}

export interface Reminder {
  obligationId: number;
  code: string;
  title: { vi: string; en: string };
  dueOn: string;
  submitter: string;
  name: string;
  kind: 'due_soon' | 'overdue';
  days: number;
}

export const reportsApi = {
  calendar: (year: number, signal?: AbortSignal) => request<{ year: number; today: string; obligations: CalendarObligation[] }>(`/reports/obligations?year=${year}`, { signal }),
  matrix: (year: number, signal?: AbortSignal) => request<Matrix>(`/reports/completeness?year=${year}`, { signal }),
  reminders: (year: number, signal?: AbortSignal) => request<{ reminders: Reminder[] }>(`/reports/reminders?year=${year}`, { signal }),
  save: (body: { obligationId: number; submitter: string; note?: string; submit: boolean }) => request<Submission>('/reports/submissions', { method: 'POST', body }),
  giveBack: (id: number, reason: string, version: number) => request<Submission>(`/reports/submissions/${id}/return`, { method: 'POST', body: { reason, version } }),
  parties: (year: number, signal?: AbortSignal) => request<Array<{ spec: string; name: string }>>(`/reports/parties?year=${year}`, { signal }),
  updateObligation: (id: number, body: { dueOn: string; titleVi?: string; from: string[]; to: string[]; version: number }) => request<CalendarObligation>(`/reports/obligations/${id}`, { method: 'PUT', body }),
  removeAttachment: (id: number) => request<Submission>(`/reports/attachments/${id}`, { method: 'DELETE' }),
  attachmentUrl: (id: number) => `/api/reports/attachments/${id}`,
  /** Sends a file as the raw body, typed by the browser's idea of its type. */
  async attach(submissionId: number, file: File): Promise<Submission> {
    let response: Response;
    try {
      response = await fetch(`/api/reports/submissions/${submissionId}/attachments?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': file.type || 'application/octet-stream', Accept: 'application/json, application/problem+json', ...csrfHeaders() },
        body: file,
      });
    } catch (error) {
      throw new ApiError(0, null, error);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw new ApiError(response.status, body && typeof body === 'object' && 'status' in body ? (body as Problem) : null);
    return body as Submission;
  },
  accept: (id: number, version: number) => request<Submission>(`/reports/submissions/${id}/accept`, { method: 'POST', body: { version } }),
  /** Downloads a generated report as a file (a blob), with the server's file name. */
  async download(name: ReportName, year: number, unit: string, format: ReportFormat): Promise<{ blob: Blob; fileName: string }> {
    const query = new URLSearchParams({ year: String(year), format, ...(unit ? { unit } : {}) });
    const response = await fetch(`/api/reports/${name}?${query}`, { credentials: 'same-origin' });
    if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${name}-${year}${unit ? `-${unit}` : ''}.${format}`;
    return { blob: await response.blob(), fileName };
  },
};
