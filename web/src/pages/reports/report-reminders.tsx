import { Link } from 'wouter';
import { formatNumber, provinceTimeZone, todayIn } from '../../format';
import { useT } from '../../i18n';
import { useRequest } from '../../use-request';
import { reportsApi } from './reports-api';
import './reports.css';

/**
 * The header's reminder: how many of the user's own reports are overdue or due within 7 days,
 * linking to the reports page; nothing when there are none (or the role owes no report).
 */
export function ReportReminders() {
  const { t, language } = useT();
  const year = Number(todayIn(provinceTimeZone).slice(0, 4));
  const reminders = useRequest(`header-reminders:${year}`, (signal) => reportsApi.reminders(year, signal));
  if (reminders.status !== 'done' || reminders.data.reminders.length === 0) return null;
  const list = reminders.data.reminders;
  const overdue = list.filter((r) => r.kind === 'overdue').length;
  const soon = list.length - overdue;
  const first = list[0]!;
  const label = t('reports.headerReminder', { overdue: formatNumber(overdue, language), soon: formatNumber(soon, language) });
  return (
    <Link href="/reports" className={`header-reminder${overdue > 0 ? ' header-reminder--overdue' : ''}`} title={`${first.code} — ${language === 'en' ? first.title.en : first.title.vi}`} aria-label={label}>
      {label}
    </Link>
  );
}
