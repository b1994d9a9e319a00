/**
 * Twinning (kết nghĩa) and sponsorship (đỡ đầu) between a provincial agency and a commune or one
 * of its villages. The province admin records any agency's; an agency its own.
 */
import { type FormEvent, useId, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate, provinceTimeZone, todayIn } from '../../format';
import { type TranslationKey, useT } from '../../i18n';
import { useSession } from '../../session';
import { useRequest } from '../../use-request';
import { loadUnitsAt } from '../units/units-data';
import { DateInput, fieldErrorsOf, SelectField, TextField } from './form-fields';
import { programApi, type TwinningInput } from './program-api';

export function TwinningSection() {
  const { t, language } = useT();
  const { user } = useSession();
  const [version, setVersion] = useState(0);
  const twinnings = useRequest(`twinnings:${version}`, (signal) => programApi.twinnings(signal));
  const [adding, setAdding] = useState(false);
  const mayWrite = user?.role === 'province_admin' || (user?.role === 'province_agency' && user.agencyCode !== null);
  return (
    <section className="card" aria-labelledby="twinning-title">
      <h2 id="twinning-title">{t('program.twinning')}</h2>
      {twinnings.status === 'failed' && <ErrorAlert error={twinnings.error} onRetry={twinnings.retry} />}
      {twinnings.status === 'done' &&
        (twinnings.data.twinnings.length === 0 ? (
          <p className="muted">{t('program.noTwinning')}</p>
        ) : (
          <ul className="twinning-list">
            {twinnings.data.twinnings.map((row) => (
              <li key={row.id}>
                {t(`program.twinningKinds.${row.kind}` as TranslationKey)}: {row.agencyName} — {row.communeName ?? row.communeCode}
                {row.village ? `, ${row.village}` : ''} ({formatDate(row.startDate, language)}
                {row.endDate ? ` – ${formatDate(row.endDate, language)}` : ''})
              </li>
            ))}
          </ul>
        ))}
      {mayWrite && !adding && (
        <button type="button" className="button button--secondary" onClick={() => setAdding(true)}>
          {t('program.addTwinning')}
        </button>
      )}
      {mayWrite && adding && (
        <TwinningForm
          onSaved={() => {
            setAdding(false);
            setVersion((n) => n + 1);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
    </section>
  );
}

function TwinningForm({ onSaved, onCancel }: { onSaved(): void; onCancel(): void }) {
  const { t } = useT();
  const { user } = useSession();
  const id = useId();
  const today = todayIn(provinceTimeZone);
  const agencies = useRequest(`agencies:${today}`, (signal) => programApi.agencies(today, signal));
  const communes = useRequest(`units:${today}`, (signal) => loadUnitsAt(today, signal));
  const ownAgency = user?.role === 'province_agency' ? user.agencyCode : null;
  const [draft, setDraft] = useState<TwinningInput>({
    agencyCode: ownAgency ?? '',
    communeCode: '',
    village: null,
    kind: 'twinning',
    startDate: today,
    endDate: null,
    note: null,
  });
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const fieldError = fieldErrorsOf(error);
  const set = <K extends keyof TwinningInput>(key: K, value: TwinningInput[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const agencyOptions = (agencies.status === 'done' ? agencies.data.agencies : [])
    .filter((a) => !ownAgency || a.code === ownAgency)
    .map((a) => ({ value: a.code, label: a.shortName }));
  const communeOptions = (communes.status === 'done' ? communes.data : [])
    .filter((unit) => unit.level === 'commune')
    .map((unit) => ({ value: unit.code, label: `${unit.name} (${unit.code})` }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await programApi.createTwinning({ ...draft, village: draft.village?.trim() || null, note: draft.note?.trim() || null });
      onSaved();
    } catch (caught) {
      setError(caught);
      setSaving(false);
    }
  }

  return (
    <form className="program-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('program.addTwinning')}</h3>
      {error !== null && <ErrorAlert error={error} />}
      <div className="form-grid">
        <SelectField
          label={t('program.twinningKind')}
          value={draft.kind}
          onChange={(value) => set('kind', value as TwinningInput['kind'])}
          options={(['twinning', 'sponsorship'] as const).map((kind) => ({ value: kind, label: t(`program.twinningKinds.${kind}` as TranslationKey) }))}
        />
        <SelectField
          label={t('program.agency')}
          value={draft.agencyCode}
          onChange={(value) => set('agencyCode', value)}
          error={fieldError('agencyCode')}
          options={[{ value: '', label: '—' }, ...agencyOptions]}
        />
        <SelectField
          label={t('program.commune')}
          value={draft.communeCode}
          onChange={(value) => set('communeCode', value)}
          error={fieldError('communeCode')}
          options={[{ value: '', label: '—' }, ...communeOptions]}
        />
        <TextField label={t('program.village')} hint={t('program.villageHint')} value={draft.village ?? ''} onChange={(value) => set('village', value)} maxLength={100} error={fieldError('village')} />
        <DateInput label={t('program.startDate')} value={draft.startDate} onChange={(value) => set('startDate', value)} error={fieldError('startDate')} />
        <DateInput label={t('program.endDate')} value={draft.endDate ?? ''} onChange={(value) => set('endDate', value || null)} error={fieldError('endDate')} />
      </div>
      <div className="program-form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {t('program.saveTwinning')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('program.cancel')}
        </button>
      </div>
    </form>
  );
}
