/** The audit log's HTTP call (`GET /api/audit`) and the shape it answers with. */
import { request } from '../../api';

export interface AuditEntry {
  id: string;
  at: string;
  user: { id: number; username: string; displayName: string } | null;
  action: string;
  entity: string;
  entityId: string;
  ip: string | null;
  /** Citizen IDs and birth dates arrive masked. */
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

export interface AuditFilter {
  user?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export const auditApi = {
  list(filter: AuditFilter, cursor: string | null, signal?: AbortSignal): Promise<AuditPage> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
    if (cursor) query.set('cursor', cursor);
    query.set('limit', '50');
    return request<AuditPage>(`/audit?${query.toString()}`, signal ? { signal } : {});
  },
};
