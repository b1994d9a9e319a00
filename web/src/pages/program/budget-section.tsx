/**
 * The year's budget: totals by source and type with the counterpart check, the budget lines, and
 * the form that enters or corrects a line with its twelve monthly disbursements. Only the
 * projects the user may edit that year are offered; the server decides again.
 */
import { type FormEvent, useId, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { formatMoney, formatNumber } from '../../format';
import { type TranslationKey, useT } from '../../i18n';
import { useRequest } from '../../use-request';
import { loadUnitsAt } from '../units/units-data';
import { fieldErrorsOf, groupMoney, MoneyField, parseMoney, SelectField, TextField } from './form-fields';
import { type BudgetAnswer, type BudgetKind, type BudgetLine, type BudgetSource, programApi, type ProjectsAnswer } from './program-api';

const SOURCES: BudgetSource[] = ['central', 'provincial_counterpart', 'mobilised'];
const KINDS: BudgetKind[] = ['investment', 'recurrent'];
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export function BudgetSection({ data }: { data: ProjectsAnswer }) {
  const { t } = useT();
  const { programCode, year } = data;
  const [version, setVersion] = useState(0);
  const budget = useRequest(`${programCode}:${year}:${version}`, (signal) => programApi.budget(programCode, year, signal));
  // Kept here: the lines below are drawn again once the budget has reloaded.
  const [notice, setNotice] = useState('');
  return (
    <section className="card" aria-labelledby="budget-title">
      <h2 id="budget-title">{t('program.budget', { year })}</h2>
      {budget.status === 'loading' && <Progress label={t('app.loading')} />}
      {budget.status === 'failed' && <ErrorAlert error={budget.error} onRetry={budget.retry} />}
      {notice && (
        <p className="alert alert--ok" role="status">
          {notice}
        </p>
      )}
      {budget.status === 'done' && (
        <>
          <BudgetTotals data={budget.data} />
          <BudgetLines
            budget={budget.data}
            projects={data}
            onEdit={() => setNotice('')}
            onSaved={() => {
              setNotice(t('program.lineSaved'));
              setVersion((n) => n + 1);
            }}
          />
        </>
      )}
    </section>
  );
}

function BudgetTotals({ data }: { data: BudgetAnswer }) {
  const { t, language } = useT();
  const money = (amount: number) => formatMoney(amount, language);
  const check = data.counterpart;
  return (
    <>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('program.source')}</th>
              <th scope="col" className="num">{t('program.planned')}</th>
              <th scope="col" className="num">{t('program.investment')}</th>
              <th scope="col" className="num">{t('program.recurrent')}</th>
              <th scope="col" className="num">{t('program.allocated')}</th>
              <th scope="col" className="num">{t('program.disbursed')}</th>
            </tr>
          </thead>
          <tbody>
            {data.totals.map((row) => (
              <tr key={row.source}>
                <th scope="row">{t(`program.sources.${row.source}` as TranslationKey)}</th>
                <td className="num">{money(row.planned)}</td>
                <td className="num">{money(row.investment)}</td>
                <td className="num">{money(row.recurrent)}</td>
                <td className="num">{money(row.allocated)}</td>
                <td className="num">{money(row.disbursed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('program.counterpart')}</h3>
      {check ? (
        <div className={check.met ? 'alert alert--ok' : 'alert alert--error'} role="status">
          <p>
            {t('program.counterpartRule', {
              source: check.source,
              dependence: formatNumber(check.dependencePercent, language),
              required: formatNumber(check.requiredPercent, language),
            })}
          </p>
          <p>
            {check.met
              ? t('program.counterpartMet', { counterpart: money(check.counterpart), requiredAmount: money(check.requiredAmount) })
              : t('program.counterpartShort', {
                  counterpart: money(check.counterpart),
                  requiredAmount: money(check.requiredAmount),
                  shortfall: money(check.shortfall),
                })}
          </p>
        </div>
      ) : (
        <p className="alert">{t('program.counterpartUnknown')}</p>
      )}
    </>
  );
}

function BudgetLines({ budget, projects, onEdit, onSaved }: { budget: BudgetAnswer; projects: ProjectsAnswer; onEdit(): void; onSaved(): void }) {
  const { t, language } = useT();
  const money = (amount: number) => formatMoney(amount, language);
  const editable = new Set(projects.projects.filter((p) => p.canEdit).map((p) => p.code));
  const [editing, setEditing] = useState<BudgetLine | 'new' | null>(null);
  const edit = (line: BudgetLine | 'new') => {
    onEdit();
    setEditing(line);
  };
  const saved = () => {
    setEditing(null);
    onSaved();
  };

  return (
    <>
      <h3>{t('program.lines')}</h3>
      {budget.lines.length === 0 ? (
        <p className="muted">{t('program.noLines')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table budget-lines">
            <thead>
              <tr>
                <th scope="col">{t('program.project')}</th>
                <th scope="col">{t('program.unit')}</th>
                <th scope="col">{t('program.source')}</th>
                <th scope="col" className="num">{t('program.planned')}</th>
                <th scope="col" className="num">{t('program.allocated')}</th>
                <th scope="col" className="num">{t('program.disbursed')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('program.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {budget.lines.map((line) => (
                <tr key={line.id} data-line={line.id}>
                  <td>{line.projectCode}</td>
                  <td>{line.unitName ?? line.unitCode}</td>
                  <td>
                    {t(`program.sources.${line.source}` as TranslationKey)}, {t(`program.${line.kind}` as TranslationKey).toLowerCase()}
                  </td>
                  <td className="num">{money(line.planned)}</td>
                  <td className="num">{money(line.allocated)}</td>
                  <td className="num">{money(line.disbursed)}</td>
                  <td>
                    {editable.has(line.projectCode) && (
                      <button type="button" className="link-button" onClick={() => edit(line)}>
                        {t('program.edit')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing === null && editable.size > 0 && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => edit('new')}
        >
          {t('program.addLine')}
        </button>
      )}
      {editing !== null && (
        <BudgetLineForm
          key={editing === 'new' ? 'new' : editing.id}
          line={editing === 'new' ? null : editing}
          budget={budget}
          projects={projects}
          onSaved={saved}
          onCancel={() => setEditing(null)}
        />
      )}
    </>
  );
}

/** Units to put a line on: the province, then the districts and communes in force at the year's end. */
function useUnitOptions(provinceCode: string, year: number) {
  const { t } = useT();
  const units = useRequest(`units:${year}`, (signal) => loadUnitsAt(`${year}-12-31`, signal));
  const list = units.status === 'done' ? units.data : [];
  return [
    { value: provinceCode, label: t('program.provinceLevel', { code: provinceCode }), group: t('program.unitGroups.province') },
    ...(['district', 'commune'] as const).flatMap((level) =>
      list
        .filter((unit) => unit.level === level)
        .map((unit) => ({ value: unit.code, label: `${unit.name} (${unit.code})`, group: t(`program.unitGroups.${level}` as TranslationKey) })),
    ),
  ];
}

function BudgetLineForm({
  line,
  budget,
  projects,
  onSaved,
  onCancel,
}: {
  line: BudgetLine | null;
  budget: BudgetAnswer;
  projects: ProjectsAnswer;
  onSaved(): void;
  onCancel(): void;
}) {
  const { t, language } = useT();
  const id = useId();
  const editable = projects.projects.filter((p) => p.canEdit);
  const unitOptions = useUnitOptions(budget.provinceCode, budget.year);
  const amountText = (amount: number) => (amount === 0 ? '' : groupMoney(String(amount), language));
  const [projectCode, setProjectCode] = useState(line?.projectCode ?? editable[0]?.code ?? '');
  const [unitCode, setUnitCode] = useState(line?.unitCode ?? budget.provinceCode);
  const [source, setSource] = useState<BudgetSource>(line?.source ?? 'central');
  const [kind, setKind] = useState<BudgetKind>(line?.kind ?? 'recurrent');
  const [planned, setPlanned] = useState(line ? amountText(line.planned) : '');
  const [allocated, setAllocated] = useState(line ? amountText(line.allocated) : '');
  const [months, setMonths] = useState<string[]>(() =>
    MONTHS.map((month) => amountText(line?.disbursements.find((d) => d.month === month)?.amount ?? 0)),
  );
  const [note, setNote] = useState(line?.note ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const fieldError = fieldErrorsOf(error);
  const disbursed = months.reduce((sum, text) => sum + parseMoney(text), 0);
  const name = (p: { name: string; nameEn: string }) => (language === 'en' ? p.nameEn : p.name);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const amounts = {
      planned: parseMoney(planned),
      allocated: parseMoney(allocated),
      // All twelve months, so a problem's index is the month's.
      disbursements: MONTHS.map((month, index) => ({ month, amount: parseMoney(months[index] ?? '') })),
      note: note.trim() || null,
    };
    try {
      if (line) await programApi.updateBudgetLine(line.id, { ...amounts, version: line.version });
      else await programApi.createBudgetLine({ programCode: budget.programCode, year: budget.year, projectCode, unitCode, source, kind, ...amounts });
      onSaved();
    } catch (caught) {
      setError(caught);
      setSaving(false);
    }
  }

  return (
    <form className="program-form budget-line-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{line ? t('program.editLine') : t('program.addLine')}</h4>
      {error !== null && <ErrorAlert error={error} />}
      <div className="form-grid">
        <SelectField
          label={t('program.project')}
          value={projectCode}
          onChange={setProjectCode}
          disabled={line !== null}
          error={fieldError('projectCode')}
          options={(line ? projects.projects.filter((p) => p.code === line.projectCode) : editable).map((p) => ({ value: p.code, label: `${p.code} — ${name(p)}` }))}
        />
        <SelectField
          label={t('program.unit')}
          value={unitCode}
          onChange={setUnitCode}
          disabled={line !== null}
          error={fieldError('unitCode')}
          options={line ? [{ value: line.unitCode, label: line.unitName ?? line.unitCode }] : unitOptions}
        />
        <SelectField
          label={t('program.source')}
          value={source}
          onChange={(value) => setSource(value as BudgetSource)}
          disabled={line !== null}
          error={fieldError('source')}
          options={SOURCES.map((value) => ({ value, label: t(`program.sources.${value}` as TranslationKey) }))}
        />
        <SelectField
          label={t('program.kind')}
          value={kind}
          onChange={(value) => setKind(value as BudgetKind)}
          disabled={line !== null}
          error={fieldError('kind')}
          options={KINDS.map((value) => ({ value, label: t(`program.${value}` as TranslationKey) }))}
        />
        <MoneyField label={t('program.plannedDong')} value={planned} onChange={setPlanned} error={fieldError('planned')} />
        <MoneyField label={t('program.allocatedDong')} value={allocated} onChange={setAllocated} error={fieldError('allocated')} />
      </div>
      {fieldError('year') && <p className="field__hint field__hint--error">{fieldError('year')}</p>}
      <fieldset className="months" aria-describedby={`${id}-months-total`}>
        <legend>{t('program.disbursementsByMonth')}</legend>
        <div className="months__grid">
          {MONTHS.map((month, index) => (
            <MoneyField
              key={month}
              label={t('program.month', { month })}
              value={months[index] ?? ''}
              onChange={(value) => setMonths((current) => current.map((text, i) => (i === index ? value : text)))}
              error={fieldError(`disbursements[${index}].amount`) ?? fieldError(`disbursements[${index}].month`)}
            />
          ))}
        </div>
        <p
          id={`${id}-months-total`}
          className={disbursed > parseMoney(allocated) && !fieldError('disbursements') ? 'field__hint field__hint--error' : 'field__hint'}
        >
          {t('program.disbursedOf', { disbursed: formatMoney(disbursed, language), allocated: formatMoney(parseMoney(allocated), language) })}
        </p>
        {fieldError('disbursements') && <p className="field__hint field__hint--error">{fieldError('disbursements')}</p>}
      </fieldset>
      <TextField label={t('program.note')} value={note} onChange={setNote} maxLength={500} error={fieldError('note')} />
      <div className="program-form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {t('program.saveLine')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('program.cancel')}
        </button>
      </div>
    </form>
  );
}
