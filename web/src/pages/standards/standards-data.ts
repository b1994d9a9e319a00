import { ApiError, type Problem } from '../../api';
import type { PovertyStandard } from '../../../../src/domain/poverty/index';

// The standards are reference data: fetched once while the app is open (a failed fetch is
// forgotten so it can be retried). They come from the database, so a corrected threshold shows
// here and in the calculator as the server applies it.
let standards: Promise<PovertyStandard[]> | null = null;

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'status' in body && 'title' in body;
}

async function fetchStandards(): Promise<PovertyStandard[]> {
  let response: Response;
  try {
    response = await fetch('/api/standards', {
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json', 'Accept-Language': document.documentElement.lang || 'vi' },
    });
  } catch (error) {
    throw new ApiError(0, null, error);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, isProblem(body) ? body : null);
  return (body as { standards: PovertyStandard[] }).standards;
}

/** Every poverty standard with its rules, earliest first (`GET /api/standards`). */
export function loadStandards(): Promise<PovertyStandard[]> {
  if (!standards) {
    standards = fetchStandards();
    standards.catch(() => {
      standards = null;
    });
  }
  return standards;
}
