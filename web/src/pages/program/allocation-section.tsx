/**
 * Allocation by points: the project, source and total, the coefficients of the criteria (poor,
 * near-poor and ethnic-minority poor households; poor district and poor commune from the official
 * lists), minimum and maximum shares, and the adopting resolution. The units are those in force on
 * the resolution date (the 2025 communes from 1 July 2025, their old communes summed in). A
 * preview shows every unit's points and amount before anything is saved.
 */
import { type FormEvent, useId, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate, formatMoney, formatNumber } from '../../format';
import { type TranslationKey, useT } from '../../i18n';
import { useSession } from '../../session';
import { useRequest } from '../../use-request';
import { DateInput, fieldErrorsOf, groupMoney, MoneyField, parseDecimal, parseMoney, SelectField, TextField } from './form-fields';
import { type AllocationPreview, type AllocationRequest, type BudgetSource, programApi, type ProjectsAnswer } from './program-api';

const CRITERIA = ['poor_household', 'near_poor_household', 'ethnic_minority_poor_household', 'poor_district', 'poor_commune'] as const;
const DEFAULT_COEFFICIENTS: Record<string, string> = {
  poor_household: '1',
  near_poor_household: '0,5',
  ethnic_minority_poor_household: '0,3',
  poor_district: '0',
  poor_commune: '0',
};

export function AllocationSection({ data }: { data: ProjectsAnswer }) {
  const { t, language } = useT();
  const { user } = useSession();
  const id = useId();
  const editable = data.projects.filter((p) => p.canEdit);
  const [projectCode, setProjectCode] = useState(editable[0]?.code ?? '');
  const [source, setSource] = useState<BudgetSource>('central');
  const [total, setTotal] = useState(groupMoney('1000000000', language));
  const [coefficients, setCoefficients] = useState(DEFAULT_COEFFICIENTS);
  const [minimum, setMinimum] = useState('');
  const [maximum, setMaximum] = useState('');
  const [resolutionNumber, setResolutionNumber] = useState('');
  const [resolutionDate, setResolutionDate] = useState('');
  const [name, setName] = useState('');
  const [preview, setPreview] = useState<AllocationPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [savedVersion, setSavedVersion] = useState(0);
  const counts = useRequest(`counts:${data.year}:${resolutionDate}`, (signal) => programApi.allocationCounts(data.year, resolutionDate || null, signal));
  const saved = useRequest(`${data.programCode}:${data.year}:${savedVersion}`, (signal) => programApi.allocations(data.programCode, data.year, signal));
  const fieldError = fieldErrorsOf(error);
  const money = (amount: number) => formatMoney(amount, language);

  if (!user || (user.role !== 'province_admin' && user.role !== 'province_agency')) return null;

  function request(): AllocationRequest {
    const share = (text: string) => {
      const value = parseDecimal(text);
      return value === null ? null : value / 100;
    };
    return {
      programCode: data.programCode,
      year: data.year,
      projectCode,
      source,
      total: parseMoney(total),
      criteria: CRITERIA.map((code) => ({ code, coefficient: parseDecimal(coefficients[code] ?? '') ?? 0 })),
      minimumShare: share(minimum),
      maximumShare: share(maximum),
      units: counts.status === 'done' ? counts.data.units.map((u) => ({ code: u.code, counts: u.counts })) : [],
      ...(resolutionNumber.trim() ? { resolutionNumber: resolutionNumber.trim() } : {}),
      ...(resolutionDate ? { resolutionDate } : {}),
    };
  }

  async function runPreview(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setNotice('');
    try {
      setPreview(await programApi.previewAllocation(request()));
    } catch (caught) {
      setPreview(null);
      setError(caught);
    }
  }

  async function save() {
    setError(null);
    try {
      await programApi.saveAllocation({ ...request(), name: name.trim(), resolutionNumber: resolutionNumber.trim(), resolutionDate });
      setNotice(t('program.saved'));
      setPreview(null);
      setSavedVersion((n) => n + 1);
    } catch (caught) {
      setError(caught);
    }
  }

  const poorUnits = counts.status === 'done' ? counts.data.poorUnits : [];
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('program.allocation')}</h2>
      <p className="muted">{t('program.allocationIntro')}</p>
      {editable.length > 0 && (
        <form onSubmit={runPreview} noValidate className="program-form allocation-form">
          <div className="form-grid">
            <SelectField
              label={t('program.allocationProject')}
              value={projectCode}
              onChange={(value) => {
                setProjectCode(value);
                setPreview(null);
              }}
              error={fieldError('projectCode')}
              options={editable.map((p) => ({ value: p.code, label: `${p.code} — ${language === 'en' ? p.nameEn : p.name}` }))}
            />
            <SelectField
              label={t('program.allocationSource')}
              value={source}
              onChange={(value) => setSource(value as BudgetSource)}
              options={(['central', 'provincial_counterpart', 'mobilised'] as const).map((s) => ({ value: s, label: t(`program.sources.${s}` as TranslationKey) }))}
            />
            <MoneyField label={t('program.total')} value={total} onChange={setTotal} error={fieldError('total')} />
            <TextField label={t('program.minimumShare')} inputMode="decimal" value={minimum} onChange={setMinimum} error={fieldError('minimumShare')} />
            <TextField label={t('program.maximumShare')} inputMode="decimal" value={maximum} onChange={setMaximum} error={fieldError('maximumShare')} />
          </div>
          <fieldset className="form-grid">
            <legend>{t('program.criteria')}</legend>
            {CRITERIA.map((code, index) => (
              <TextField
                key={code}
                label={t(`program.criteriaNames.${code}` as TranslationKey)}
                inputMode="decimal"
                value={coefficients[code] ?? ''}
                onChange={(value) => setCoefficients({ ...coefficients, [code]: value })}
                error={fieldError(`criteria[${index}].coefficient`)}
              />
            ))}
          </fieldset>
          <p className="muted poor-units">
            {poorUnits.length === 0
              ? t('program.noPoorUnits', { year: data.year })
              : t('program.poorUnits', {
                  units: poorUnits.map((u) => `${u.unitName ?? u.unitCode} (${t(`program.criteriaNames.${u.kind}` as TranslationKey).toLowerCase()}, ${u.basis})`).join('; '),
                })}
          </p>
          <fieldset className="form-grid">
            <legend>{t('program.resolution')}</legend>
            <TextField label={t('program.resolutionNumber')} value={resolutionNumber} onChange={setResolutionNumber} maxLength={100} error={fieldError('resolutionNumber')} />
            <DateInput label={t('program.resolutionDate')} value={resolutionDate} onChange={setResolutionDate} error={fieldError('resolutionDate')} />
            <TextField label={t('program.modelName')} value={name} onChange={setName} maxLength={200} error={fieldError('name')} />
          </fieldset>
          {counts.status === 'done' && (
            <p className="muted">
              {t('program.unitsOn', { date: formatDate(counts.data.asOf, language), count: counts.data.units.length })}
            </p>
          )}
          <button type="submit" className="button button--secondary" disabled={counts.status !== 'done'}>
            {t('program.preview')}
          </button>
        </form>
      )}
      {error !== null && <ErrorAlert error={error} />}
      {notice && (
        <p className="alert alert--ok" role="status">
          {notice}
        </p>
      )}
      {preview && (
        <div className="allocation-preview">
          <p className={preview.exceedsAvailable ? 'alert alert--error' : 'alert'}>
            {t('program.available', { amount: money(preview.available) })}
            {preview.exceedsAvailable && <> {t('program.exceeds')}</>}
          </p>
          <p>
            {preview.resolutionNumber && preview.resolutionDate
              ? t('program.previewResolution', { number: preview.resolutionNumber, date: formatDate(preview.resolutionDate, language) })
              : t('program.previewNoResolution')}{' '}
            {t('program.unitsOn', { date: formatDate(preview.asOf, language), count: preview.shares.length })}
          </p>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('program.unit')}</th>
                  <th scope="col" className="num">{t('program.points')}</th>
                  <th scope="col" className="num">{t('program.amount')}</th>
                  <th scope="col">{t('program.bound')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.shares
                  .filter((s) => s.points > 0)
                  .map((share) => (
                    <tr key={share.code}>
                      <td>
                        {share.name ?? share.code} <span className="muted">({share.code})</span>
                      </td>
                      <td className="num">{formatNumber(share.points, language)}</td>
                      <td className="num">{money(share.amount)}</td>
                      <td>{share.bound ? t(`program.bounds.${share.bound}` as TranslationKey) : ''}</td>
                    </tr>
                  ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('program.sum')}</th>
                  <td className="num">{formatNumber(preview.totalPoints, language)}</td>
                  <td className="num">{money(preview.shares.reduce((sum, s) => sum + s.amount, 0))}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
          <button type="button" className="button button--primary" onClick={save} disabled={preview.exceedsAvailable}>
            {t('program.save')}
          </button>
        </div>
      )}
      <h3>{t('program.savedModels')}</h3>
      {saved.status === 'done' && saved.data.models.length === 0 && <p className="muted">{t('program.noModels')}</p>}
      {saved.status === 'done' &&
        saved.data.models.map((model) => (
          <p key={model.id}>
            <strong>{model.name}</strong> — {model.projectCode}, {money(model.total)}; {model.resolutionNumber} ({formatDate(model.resolutionDate, language)})
          </p>
        ))}
    </section>
  );
}
