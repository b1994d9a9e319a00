/** The targets' HTTP calls (`/targets`, `/targets/cascade`) and the shapes they answer with. */
import { request } from '../../api';
import type { Comparator, TargetIndicator, TargetKind } from '../dashboard/dashboard-api';

export interface Target {
  id: number;
  unitCode: string;
  year: number;
  indicator: TargetIndicator;
  kind: TargetKind;
  value: number;
  comparator: Comparator;
  source: string;
  note: string | null;
  version: number;
  /** The unit's latest name (list only). */
  unitName?: string | null;
}

export interface TargetInput {
  unitCode: string;
  year: number;
  indicator: TargetIndicator;
  kind: TargetKind;
  value: number;
  comparator: Comparator;
  note?: string | null;
}

export interface CascadeCheck {
  unitCode: string;
  value: number;
  comparator: Comparator;
  baseHouseholds: number;
  units: { unitCode: string; value: number; baseHouseholds: number }[];
  impliedChange: number | null;
  unweightedMean: number | null;
  consistent: boolean;
  uncoveredHouseholds: number;
}

export const targetsApi = {
  list: (year: number | null, signal?: AbortSignal) => request<{ targets: Target[] }>(`/targets${year === null ? '' : `?year=${year}`}`, { signal }),
  create: (input: TargetInput) => request<Target>('/targets', { method: 'POST', body: input }),
  update: (id: number, input: Pick<TargetInput, 'kind' | 'value' | 'comparator' | 'note'> & { version: number }) => request<Target>(`/targets/${id}`, { method: 'PUT', body: input }),
  remove: (id: number, version: number) => request<void>(`/targets/${id}?version=${version}`, { method: 'DELETE' }),
  cascade: (year: number, indicator: TargetIndicator, signal?: AbortSignal) =>
    request<{ year: number; indicator: TargetIndicator; checks: CascadeCheck[] }>(`/targets/cascade?year=${year}&indicator=${indicator}`, { signal }),
};
