import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api';
import { DateField } from '../../components/date-field';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate, provinceTimeZone, todayIn } from '../../format';
import { useT } from '../../i18n';
import { useRequest } from '../../use-request';
import { loadFilterOptions } from './household-shared';
import { type HouseholdDetail, householdsApi } from './households-api';

interface PanelProps {
  detail: HouseholdDetail;
  /** Called with the message to show once the change is saved. */
  onDone(message: string): void;
  onCancel(): void;
}

/** "Chuyển thôn": another village of the commune, or of another commune of the user's area, from a date. */
export function MovePanel({ detail, onDone, onCancel }: PanelProps) {
  const { t } = useT();
  const { household } = detail;
  const [communeCode, setCommuneCode] = useState(household.communeCode);
  const [village, setVillage] = useState('');
  const [address, setAddress] = useState('');
  const [date, setDate] = useState(todayIn(provinceTimeZone));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const options = useRequest('filters', loadFilterOptions);
  const villages = useRequest(`villages:${communeCode}`, (signal) => householdsApi.villages(communeCode, signal));
  const ids = { heading: useId(), commune: useId(), village: useId(), villages: useId(), address: useId() };
  const fieldError = (field: string) =>
    error instanceof ApiError ? error.problem?.errors?.find((problem) => problem.field === field)?.message : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await householdsApi.move(household.code, {
        version: household.version,
        communeCode,
        village,
        date,
        ...(address.trim() ? { address } : {}),
      });
      onDone(t('households.moved', { code: household.code, village }));
    } catch (failure) {
      setError(failure);
      setSaving(false);
    }
  }

  const communes = options.status === 'done' ? options.data.communes : [];
  return (
    <section className="card action-panel" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('households.moveTitle')}</h2>
      <p className="muted">{t('households.moveIntro')}</p>
      <form onSubmit={submit} noValidate>
        {error !== null && <ErrorAlert error={error} />}
        <div className="hh-grid">
          <div className="field">
            <label htmlFor={ids.commune}>{t('households.commune')}</label>
            <select id={ids.commune} value={communeCode} onChange={(event) => setCommuneCode(event.target.value)}>
              {!communes.some((c) => c.code === household.communeCode) && (
                <option value={household.communeCode}>{household.communeName ?? household.communeCode}</option>
              )}
              {communes.map((commune) => (
                <option key={commune.code} value={commune.code}>{`${commune.name} (${commune.code})`}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.village}>{t('households.newVillage')}</label>
            <input
              id={ids.village}
              type="text"
              list={ids.villages}
              value={village}
              autoComplete="off"
              aria-invalid={fieldError('village') ? true : undefined}
              onChange={(event) => setVillage(event.target.value)}
            />
            <datalist id={ids.villages}>
              {(villages.status === 'done' ? villages.data.villages : [])
                .filter((v) => communeCode !== household.communeCode || v !== household.village)
                .map((v) => (
                  <option key={v} value={v} />
                ))}
            </datalist>
          </div>
          <div className="field">
            <label htmlFor={ids.address}>{t('households.newAddress')}</label>
            <input id={ids.address} type="text" value={address} autoComplete="off" aria-describedby={`${ids.address}-hint`} onChange={(event) => setAddress(event.target.value)} />
            <p id={`${ids.address}-hint`} className="field__hint">
              {t('households.newAddressHint')}
            </p>
          </div>
          <DateField label={t('households.moveDate')} value={date} onChange={setDate} />
        </div>
        <div className="household-form__buttons">
          <button type="submit" className="button button--primary" disabled={saving || village.trim() === ''}>
            {saving ? t('households.saving') : t('households.moveSubmit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('households.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** "Giải thể hộ": a date and a reason, then an explicit confirmation, since it cannot be undone. */
export function DissolvePanel({ detail, onDone, onCancel }: PanelProps) {
  const { t, language } = useT();
  const { household } = detail;
  const [date, setDate] = useState(todayIn(provinceTimeZone));
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const ids = { heading: useId(), reason: useId() };

  async function confirm() {
    setSaving(true);
    setError(null);
    try {
      await householdsApi.dissolve(household.code, { version: household.version, date, reason });
      onDone(t('households.dissolved', { code: household.code }));
    } catch (failure) {
      setError(failure);
      setSaving(false);
      setConfirming(false);
    }
  }

  return (
    <section className="card action-panel action-panel--danger" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('households.dissolveTitle')}</h2>
      <p className="muted">{t('households.dissolveIntro')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setConfirming(true);
        }}
        noValidate
      >
        {error !== null && <ErrorAlert error={error} />}
        <div className="hh-grid">
          <DateField label={t('households.dissolveDate')} value={date} onChange={setDate} />
          <div className="field">
            <label htmlFor={ids.reason}>{t('households.dissolveReason')}</label>
            <input id={ids.reason} type="text" value={reason} autoComplete="off" onChange={(event) => setReason(event.target.value)} />
          </div>
        </div>
        {confirming ? (
          <div className="alert alert--error" role="alertdialog" aria-label={t('households.dissolveTitle')}>
            <p>{t('households.dissolveConfirm', { code: household.code, date: formatDate(date, language) })}</p>
            <div className="household-form__buttons">
              <button type="button" className="button hh-button-danger" disabled={saving} onClick={confirm}>
                {saving ? t('households.saving') : t('households.dissolveConfirmYes')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
                {t('households.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <div className="household-form__buttons">
            <button type="submit" className="button button--secondary" disabled={reason.trim() === ''}>
              {t('households.dissolveSubmit')}
            </button>
            <button type="button" className="button button--secondary" onClick={onCancel}>
              {t('households.cancel')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
