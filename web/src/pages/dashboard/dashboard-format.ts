/** Rates and points in the user's language: `12,09 %`, `−2,03 điểm %`. */
import { formatNumber } from '../../format';

export function formatPercent(value: number | null, language: string): string {
  if (value === null) return '—';
  return `${new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)} %`;
}

export function formatPoints(value: number | null, language: string): string {
  if (value === null) return '—';
  const text = new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(value);
  return text;
}

export function formatCount(value: number, language: string): string {
  return formatNumber(value, language);
}

export function formatShare(value: number, language: string, digits = 3): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}
