/**
 * The tasks of the province's yearly plan: text, assignees, due date and status. The agency a
 * task is assigned to (and the province admin) updates its status and due date; a task marked
 * done carries its completion date. Dates outside the program period are refused beside the field.
 */
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate, provinceTimeZone, todayIn } from '../../format';
import { type TranslationKey, useT } from '../../i18n';
import { useSession } from '../../session';
import { useRequest } from '../../use-request';
import { DateInput, fieldErrorsOf, SelectField } from './form-fields';
import { type PlanTask, programApi } from './program-api';

const STATUSES: PlanTask['status'][] = ['open', 'in_progress', 'done'];

export function TasksSection({ year }: { year: number }) {
  const { t, language } = useT();
  const { user } = useSession();
  const mine = user?.role === 'province_agency';
  const [version, setVersion] = useState(0);
  const tasks = useRequest(`${year}:${mine}:${version}`, (signal) => programApi.tasks(year, mine, signal));
  const [editing, setEditing] = useState<string | null>(null);

  if (tasks.status === 'done' && tasks.data.tasks.length === 0) return null;
  return (
    <section className="card" aria-labelledby="tasks-title">
      <h2 id="tasks-title">{t('program.tasks', { year })}</h2>
      {tasks.status === 'failed' && <ErrorAlert error={tasks.error} onRetry={tasks.retry} />}
      {tasks.status === 'done' && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('program.taskText')}</th>
                <th scope="col">{t('program.assignees')}</th>
                <th scope="col">{t('program.dueDate')}</th>
                <th scope="col">{t('program.taskStatusLabel')}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.data.tasks.map((task) => {
                const key = `${task.planId}/${task.taskId}`;
                return (
                  <tr key={key} data-task={task.taskId}>
                    <td>{language === 'en' ? task.text.en : task.text.vi}</td>
                    <td>{task.assignees.map((a) => (language === 'en' ? a.en : a.vi)).join(', ')}</td>
                    <td>{task.dueDate ? formatDate(task.dueDate, language) : t('program.noDue')}</td>
                    <td>
                      {t(`program.taskStatus.${task.status}` as TranslationKey)}
                      {task.completedOn && <> ({formatDate(task.completedOn, language)})</>}
                      {task.canEdit && editing !== key && (
                        <>
                          {' '}
                          <button type="button" className="link-button" onClick={() => setEditing(key)}>
                            {t('program.updateTask')}
                          </button>
                        </>
                      )}
                      {editing === key && (
                        <TaskForm
                          task={task}
                          onSaved={() => {
                            setEditing(null);
                            setVersion((n) => n + 1);
                          }}
                          onCancel={() => setEditing(null)}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function TaskForm({ task, onSaved, onCancel }: { task: PlanTask; onSaved(): void; onCancel(): void }) {
  const { t } = useT();
  const [status, setStatus] = useState(task.status);
  const [dueDate, setDueDate] = useState(task.dueDate ?? '');
  const [completedOn, setCompletedOn] = useState(task.completedOn ?? todayIn(provinceTimeZone));
  const [error, setError] = useState<unknown>(null);
  const fieldError = fieldErrorsOf(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await programApi.updateTask(task, {
        status,
        completedOn: status === 'done' ? completedOn || null : null,
        ...(dueDate !== (task.dueDate ?? '') ? { dueDate: dueDate || null } : {}),
      });
      onSaved();
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <form className="program-form task-form" onSubmit={submit} noValidate>
      {error !== null && <ErrorAlert error={error} />}
      <SelectField
        label={t('program.taskStatusLabel')}
        value={status}
        onChange={(value) => setStatus(value as PlanTask['status'])}
        error={fieldError('status')}
        options={STATUSES.map((value) => ({ value, label: t(`program.taskStatus.${value}` as TranslationKey) }))}
      />
      <DateInput label={t('program.dueDate')} value={dueDate} onChange={setDueDate} error={fieldError('dueDate')} />
      {status === 'done' && <DateInput label={t('program.completedOn')} value={completedOn} onChange={setCompletedOn} error={fieldError('completedOn')} />}
      <div className="program-form__actions">
        <button type="submit" className="button button--primary">
          {t('program.saveTask')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('program.cancel')}
        </button>
      </div>
    </form>
  );
}
