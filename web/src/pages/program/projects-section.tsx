/**
 * Projects and sub-projects with their lead and implementing agencies for the year. The province
 * admin assigns them (exactly one lead); an agency sees the projects it may update marked.
 */
import { type FormEvent, useId, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { type TranslationKey, useT } from '../../i18n';
import { useSession } from '../../session';
import { useRequest } from '../../use-request';
import { fieldErrorsOf, SelectField } from './form-fields';
import { programApi, type ProjectsAnswer } from './program-api';

type Project = ProjectsAnswer['projects'][number];
type Role = 'lead' | 'implementing';

export function ProjectsSection({ data, onChanged }: { data: ProjectsAnswer; onChanged(): void }) {
  const { t, language } = useT();
  const { user } = useSession();
  const [editing, setEditing] = useState<string | null>(null);
  const isAdmin = user?.role === 'province_admin';
  return (
    <section className="card" aria-labelledby="projects-title">
      <h2 id="projects-title">{t('program.projects', { year: data.year })}</h2>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('program.project')}</th>
              <th scope="col">{t('program.agencies')}</th>
            </tr>
          </thead>
          <tbody>
            {data.projects.map((project) => (
              <tr key={project.code} className={project.parentCode ? 'sub-project' : undefined} data-project={project.code}>
                <td>
                  <strong>{project.code}</strong> {language === 'en' ? project.nameEn : project.name}
                  {project.canEdit && !isAdmin && <span className="badge badge--ok">{t('program.yours')}</span>}
                </td>
                <td>
                  {project.agencies.length === 0
                    ? t('program.noAgency')
                    : project.agencies.map((a) => `${a.shortName} (${t(`program.${a.role}` as TranslationKey)})`).join(', ')}
                  {isAdmin && editing !== project.code && (
                    <>
                      {' '}
                      <button type="button" className="link-button" onClick={() => setEditing(project.code)}>
                        {t('program.assignAgencies')}
                      </button>
                    </>
                  )}
                  {editing === project.code && (
                    <AgenciesForm
                      project={project}
                      year={data.year}
                      onSaved={() => {
                        setEditing(null);
                        onChanged();
                      }}
                      onCancel={() => setEditing(null)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function AgenciesForm({ project, year, onSaved, onCancel }: { project: Project; year: number; onSaved(): void; onCancel(): void }) {
  const { t } = useT();
  const id = useId();
  // Agencies of the year: those in force at its end (the 2025 successors for 2025).
  const date = `${year}-12-31`;
  const agencies = useRequest(`agencies:${date}`, (signal) => programApi.agencies(date, signal));
  const [rows, setRows] = useState<Array<{ agencyCode: string; role: Role }>>(() =>
    project.agencies.length > 0 ? project.agencies.map((a) => ({ agencyCode: a.code, role: a.role })) : [{ agencyCode: '', role: 'lead' }],
  );
  const [error, setError] = useState<unknown>(null);
  const fieldError = fieldErrorsOf(error);
  const options = [
    { value: '', label: '—' },
    ...(agencies.status === 'done' ? agencies.data.agencies : []).map((a) => ({ value: a.code, label: a.shortName })),
    // An agency assigned earlier stays choosable even when it no longer exists.
    ...project.agencies.filter((a) => agencies.status === 'done' && !agencies.data.agencies.some((b) => b.code === a.code)).map((a) => ({ value: a.code, label: a.shortName })),
  ];
  const setRow = (index: number, changes: Partial<{ agencyCode: string; role: Role }>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...changes } : row)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await programApi.setProjectAgencies(project.code, { year, agencies: rows.filter((row) => row.agencyCode !== '') });
      onSaved();
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <form className="program-form agencies-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="visually-hidden">
        {t('program.assignAgenciesFor', { code: project.code, year })}
      </h3>
      {error !== null && <ErrorAlert error={error} />}
      {rows.map((row, index) => (
        <div className="agencies-form__row" key={index}>
          <SelectField
            label={t('program.agencyN', { n: index + 1 })}
            value={row.agencyCode}
            onChange={(value) => setRow(index, { agencyCode: value })}
            error={fieldError(`agencies[${index}].agencyCode`)}
            options={options}
          />
          <SelectField
            label={t('program.role')}
            value={row.role}
            onChange={(value) => setRow(index, { role: value as Role })}
            options={(['lead', 'implementing'] as const).map((role) => ({ value: role, label: t(`program.${role}` as TranslationKey) }))}
          />
          <button type="button" className="link-button" onClick={() => setRows((current) => current.filter((_, i) => i !== index))}>
            {t('program.remove')}
          </button>
        </div>
      ))}
      {fieldError('agencies') && <p className="field__hint field__hint--error">{fieldError('agencies')}</p>}
      {fieldError('year') && <p className="field__hint field__hint--error">{fieldError('year')}</p>}
      <div className="program-form__actions">
        <button type="button" className="button button--secondary" onClick={() => setRows((current) => [...current, { agencyCode: '', role: 'implementing' }])}>
          {t('program.addAgency')}
        </button>
        <button type="submit" className="button button--primary">
          {t('program.saveAgencies')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('program.cancel')}
        </button>
      </div>
    </form>
  );
}
