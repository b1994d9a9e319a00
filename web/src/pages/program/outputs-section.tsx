/**
 * Output indicators of the year per project: target and actual, entered by the agencies of the
 * project (and the province admin); others read.
 */
import { type FormEvent, useId, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { formatNumber } from '../../format';
import { useT } from '../../i18n';
import { useRequest } from '../../use-request';
import { fieldErrorsOf, parseDecimal, SelectField, TextField } from './form-fields';
import { type OutputIndicator, programApi, type ProjectsAnswer } from './program-api';

const decimalText = (value: number | null, language: string) => (value === null ? '' : formatNumber(value, language).replace(/\s/g, ''));

export function OutputsSection({ data }: { data: ProjectsAnswer }) {
  const { t, language } = useT();
  const { programCode, year } = data;
  const [version, setVersion] = useState(0);
  const outputs = useRequest(`${programCode}:${year}:${version}`, (signal) => programApi.outputs(programCode, year, signal));
  const [editing, setEditing] = useState<OutputIndicator | 'new' | null>(null);
  const editable = data.projects.filter((p) => p.canEdit);
  const saved = () => {
    setEditing(null);
    setVersion((n) => n + 1);
  };

  return (
    <section className="card" aria-labelledby="outputs-title">
      <h2 id="outputs-title">{t('program.outputs', { year })}</h2>
      {outputs.status === 'failed' && <ErrorAlert error={outputs.error} onRetry={outputs.retry} />}
      {outputs.status === 'done' &&
        (outputs.data.outputs.length === 0 ? (
          <p className="muted">{t('program.noOutputs')}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('program.project')}</th>
                  <th scope="col">{t('program.outputName')}</th>
                  <th scope="col" className="num">{t('program.target')}</th>
                  <th scope="col" className="num">{t('program.actual')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('program.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {outputs.data.outputs.map((row) => (
                  <tr key={row.id} data-output={row.id}>
                    <td>{row.projectCode}</td>
                    <td>{row.name}</td>
                    <td className="num">
                      {formatNumber(row.target, language)} {row.unitOfMeasure}
                    </td>
                    <td className="num">{row.actual === null ? '—' : `${formatNumber(row.actual, language)} ${row.unitOfMeasure}`}</td>
                    <td>
                      {row.canEdit && (
                        <button type="button" className="link-button" onClick={() => setEditing(row)}>
                          {t('program.updateActual')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {editing === null && editable.length > 0 && (
        <button type="button" className="button button--secondary" onClick={() => setEditing('new')}>
          {t('program.addOutput')}
        </button>
      )}
      {editing !== null && (
        <OutputForm key={editing === 'new' ? 'new' : editing.id} output={editing === 'new' ? null : editing} data={data} onSaved={saved} onCancel={() => setEditing(null)} />
      )}
    </section>
  );
}

function OutputForm({ output, data, onSaved, onCancel }: { output: OutputIndicator | null; data: ProjectsAnswer; onSaved(): void; onCancel(): void }) {
  const { t, language } = useT();
  const id = useId();
  const editable = data.projects.filter((p) => p.canEdit);
  const [projectCode, setProjectCode] = useState(output?.projectCode ?? editable[0]?.code ?? '');
  const [name, setName] = useState(output?.name ?? '');
  const [unitOfMeasure, setUnitOfMeasure] = useState(output?.unitOfMeasure ?? '');
  const [target, setTarget] = useState(decimalText(output?.target ?? null, language));
  const [actual, setActual] = useState(decimalText(output?.actual ?? null, language));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const fieldError = fieldErrorsOf(error);
  const projectName = (p: { name: string; nameEn: string }) => (language === 'en' ? p.nameEn : p.name);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const figures = { target: parseDecimal(target) ?? 0, actual: parseDecimal(actual) };
    try {
      if (output) await programApi.updateOutput(output.id, { ...figures, version: output.version });
      else await programApi.createOutput({ projectCode, year: data.year, name: name.trim(), unitOfMeasure: unitOfMeasure.trim(), ...figures });
      onSaved();
    } catch (caught) {
      setError(caught);
      setSaving(false);
    }
  }

  return (
    <form className="program-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{output ? t('program.editOutput', { name: output.name }) : t('program.addOutput')}</h3>
      {error !== null && <ErrorAlert error={error} />}
      <div className="form-grid">
        {!output && (
          <>
            <SelectField
              label={t('program.project')}
              value={projectCode}
              onChange={setProjectCode}
              error={fieldError('projectCode')}
              options={editable.map((p) => ({ value: p.code, label: `${p.code} — ${projectName(p)}` }))}
            />
            <TextField label={t('program.outputName')} value={name} onChange={setName} maxLength={300} error={fieldError('name')} />
            <TextField label={t('program.unitOfMeasure')} value={unitOfMeasure} onChange={setUnitOfMeasure} maxLength={50} error={fieldError('unitOfMeasure')} />
          </>
        )}
        <TextField label={t('program.target')} inputMode="decimal" value={target} onChange={setTarget} error={fieldError('target')} />
        <TextField label={t('program.actual')} inputMode="decimal" value={actual} onChange={setActual} error={fieldError('actual')} hint={t('program.actualHint')} />
      </div>
      {fieldError('year') && <p className="field__hint field__hint--error">{fieldError('year')}</p>}
      <div className="program-form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {t('program.saveOutput')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('program.cancel')}
        </button>
      </div>
    </form>
  );
}
