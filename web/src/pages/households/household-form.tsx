import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { ApiError } from '../../api';
import { DateField, parseDayMonthYear } from '../../components/date-field';
import { ErrorAlert } from '../../components/error-alert';
import { Progress } from '../../components/progress';
import { formatDate } from '../../format';
import { type TranslationKey, useT } from '../../i18n';
import { useRequest } from '../../use-request';
import { loadFilterOptions, useHouseholdNavigation } from './household-shared';
import { type HouseholdDetail, type HouseholdInput, type MemberInput, householdsApi } from './households-api';

const WATER_SOURCES = ['piped', 'borehole', 'protected_well', 'protected_spring', 'rainwater', 'bottled', 'unprotected_well', 'unprotected_spring', 'surface', 'other'];
const LATRINES = ['septic', 'semi_septic', 'pour_flush', 'double_vault', 'ventilated_pit', 'unimproved_pit', 'none', 'other'];
const EMPLOYMENT = ['contract', 'informal_wage', 'self_employed', 'unemployed', 'not_in_labour_force'];
const EDUCATION = ['none', 'primary', 'lower_secondary', 'upper_secondary', 'vocational', 'college_or_higher'];

/** A yes/no fact that may be unknown: '' until surveyed. */
type TriState = '' | 'true' | 'false';

/** What the form holds: text as typed, so a half-typed number is not lost. */
interface Draft {
  communeCode: string;
  village: string;
  code: string;
  address: string;
  headName: string;
  area: 'rural' | 'urban';
  headEthnicCode: string;
  farmHousehold: boolean;
  surveyDate: string;
  incomePerCapita: string;
  scoreA: string;
  floorAreaM2: string;
  durableWalls: TriState;
  durableFrame: TriState;
  durableRoof: TriState;
  waterSource: string;
  latrine: string;
  internetUse: TriState;
  informationDevices: TriState;
  wasteCollected: TriState;
  members: MemberDraft[];
}

interface MemberDraft {
  /** Form-local key, stable while members are added and removed. */
  key: number;
  seq?: number;
  fullName: string;
  sex: 'male' | 'female';
  birthDate: string;
  ethnicCode: string;
  citizenId: string;
  relation: string;
  employment: string;
  healthInsurance: boolean;
  attendingSchool: boolean;
  educationLevel: string;
  socialAllowance: boolean;
  stunted: boolean;
  underweight: boolean;
}

let nextKey = 1;
const tri = (value: boolean | null): TriState => (value === null ? '' : value ? 'true' : 'false');
const fromTri = (value: TriState): boolean | null => (value === '' ? null : value === 'true');

function emptyMember(relation = ''): MemberDraft {
  return {
    key: nextKey++,
    fullName: '',
    sex: 'male',
    birthDate: '',
    ethnicCode: '',
    citizenId: '',
    relation,
    employment: 'self_employed',
    healthInsurance: true,
    attendingSchool: false,
    educationLevel: 'lower_secondary',
    socialAllowance: false,
    stunted: false,
    underweight: false,
  };
}

function draftOf(detail: HouseholdDetail | null, language: string, headRelation: string): Draft {
  if (!detail) {
    return {
      communeCode: '', village: '', code: '', address: '', headName: '', area: 'rural', headEthnicCode: '',
      farmHousehold: false, surveyDate: '', incomePerCapita: '', scoreA: '', floorAreaM2: '',
      durableWalls: '', durableFrame: '', durableRoof: '', waterSource: '', latrine: '',
      internetUse: '', informationDevices: '', wasteCollected: '', members: [emptyMember(headRelation)],
    };
  }
  const h = detail.household;
  return {
    communeCode: h.communeCode,
    village: h.village,
    code: h.code,
    address: h.address,
    headName: h.headName,
    area: h.area,
    headEthnicCode: h.headEthnicCode ?? '',
    farmHousehold: h.farmHousehold,
    surveyDate: h.surveyDate ?? '',
    incomePerCapita: h.incomePerCapita === null ? '' : String(h.incomePerCapita),
    scoreA: h.scoreA === null ? '' : String(h.scoreA),
    floorAreaM2: h.floorAreaM2 === null ? '' : String(h.floorAreaM2),
    durableWalls: tri(h.durableWalls),
    durableFrame: tri(h.durableFrame),
    durableRoof: tri(h.durableRoof),
    waterSource: h.waterSource ?? '',
    latrine: h.latrine ?? '',
    internetUse: tri(h.internetUse),
    informationDevices: tri(h.informationDevices),
    wasteCollected: tri(h.wasteCollected),
    members: detail.members.map((m) => ({
      key: nextKey++,
      seq: m.seq,
      fullName: m.fullName,
      sex: m.sex,
      birthDate: formatDate(m.birthDate, language),
      ethnicCode: m.ethnicCode ?? '',
      citizenId: m.citizenId ?? '',
      relation: m.relation,
      employment: m.employment,
      healthInsurance: m.healthInsurance,
      attendingSchool: m.attendingSchool,
      educationLevel: m.educationLevel,
      socialAllowance: m.socialAllowance,
      stunted: m.stunted,
      underweight: m.underweight,
    })),
  };
}

/** Digits of an amount typed as `1.200.000` or `1 200 000`; null when empty. */
function parseNumber(text: string): number | null {
  const cleaned = text.replace(/[\s.]/g, '').replace(',', '.');
  if (cleaned === '') return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : Number.NaN;
}

function inputOf(draft: Draft): HouseholdInput {
  return {
    address: draft.address,
    headName: draft.headName,
    area: draft.area,
    headEthnicCode: draft.headEthnicCode || null,
    farmHousehold: draft.farmHousehold,
    surveyDate: draft.surveyDate || null,
    incomePerCapita: parseNumber(draft.incomePerCapita),
    scoreA: parseNumber(draft.scoreA),
    floorAreaM2: parseNumber(draft.floorAreaM2),
    durableWalls: fromTri(draft.durableWalls),
    durableFrame: fromTri(draft.durableFrame),
    durableRoof: fromTri(draft.durableRoof),
    waterSource: draft.waterSource || null,
    latrine: draft.latrine || null,
    internetUse: fromTri(draft.internetUse),
    informationDevices: fromTri(draft.informationDevices),
    wasteCollected: fromTri(draft.wasteCollected),
    members: draft.members.map(
      (m): MemberInput => ({
        ...(m.seq === undefined ? {} : { seq: m.seq }),
        fullName: m.fullName,
        sex: m.sex,
        // A date that is not a real dd/mm/yyyy date goes as typed, for the server to name it.
        birthDate: parseDayMonthYear(m.birthDate) ?? m.birthDate,
        ethnicCode: m.ethnicCode || null,
        citizenId: m.citizenId.trim() || null,
        relation: m.relation,
        employment: m.employment,
        healthInsurance: m.healthInsurance,
        attendingSchool: m.attendingSchool,
        educationLevel: m.educationLevel,
        socialAllowance: m.socialAllowance,
        stunted: m.stunted,
        underweight: m.underweight,
      }),
    ),
  };
}

/**
 * Create or edit a household. An edit carries the version it started from: when someone else
 * saved in between, the server answers 409, nothing is overwritten, and the form offers the
 * latest version. Field problems from the server are shown beside their fields.
 */
export function HouseholdForm({ code }: { code: string | null }) {
  const { t } = useT();
  const [attempt, setAttempt] = useState(0);
  const existing = useRequest(code ? `${code}#${attempt}` : 'new', (signal) =>
    code ? householdsApi.get(code, signal) : Promise.resolve(null),
  );
  const options = useRequest('filters', loadFilterOptions);

  if (existing.status === 'loading' || options.status === 'loading') return <Progress label={t('households.loadingDetail')} />;
  if (existing.status === 'failed') return <ErrorAlert error={existing.error} onRetry={existing.retry} />;
  if (options.status === 'failed') return <ErrorAlert error={options.error} onRetry={options.retry} />;
  return (
    <FormBody
      key={`${code ?? 'new'}#${attempt}`}
      detail={existing.data}
      options={options.data}
      onReload={() => setAttempt((n) => n + 1)}
    />
  );
}

function FormBody({
  detail,
  options,
  onReload,
}: {
  detail: HouseholdDetail | null;
  options: Awaited<ReturnType<typeof loadFilterOptions>>;
  onReload(): void;
}) {
  const { t, language } = useT();
  const navigation = useHouseholdNavigation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(detail, language, t('households.headRelation')));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const villages = useRequest(!detail && draft.communeCode ? `villages:${draft.communeCode}` : null, (signal) =>
    householdsApi.villages(draft.communeCode, signal),
  );
  const villageListId = useId();
  const isNew = detail === null;
  const fieldErrors = new Map(
    (error instanceof ApiError ? (error.problem?.errors ?? []) : []).map((problem) => [problem.field, problem.message]),
  );
  const conflict = error instanceof ApiError && error.status === 409;

  useEffect(() => {
    if (error) document.querySelector<HTMLElement>('.household-form [role="alert"]')?.focus();
  }, [error]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const setMember = (index: number, changes: Partial<MemberDraft>) =>
    setDraft((current) => ({
      ...current,
      members: current.members.map((member, i) => (i === index ? { ...member, ...changes } : member)),
    }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const input = inputOf(draft);
      const saved = detail
        ? await householdsApi.update(detail.household.code, detail.household.version, input)
        : await householdsApi.create({
            ...input,
            communeCode: draft.communeCode,
            village: draft.village,
            ...(draft.code.trim() ? { code: draft.code.trim() } : {}),
          });
      navigation.open(saved.household.code);
    } catch (failure) {
      setError(failure);
      setSaving(false);
    }
  }

  const triOptions = [
    { value: 'true', label: t('households.yes') },
    { value: 'false', label: t('households.no') },
  ];
  const enumOptions = (prefix: string, values: string[]) =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}` as TranslationKey) }));

  return (
    <div className="households-page">
      <button type="button" className="link-button households-page__back" onClick={() => (detail ? navigation.open(detail.household.code) : navigation.back())}>
        ← {detail ? t('households.detailTitle', { code: detail.household.code }) : t('households.back')}
      </button>
      <header className="page-header">
        <h1>{detail ? t('households.editTitle', { code: detail.household.code }) : t('households.newTitle')}</h1>
      </header>
      <form className="household-form" onSubmit={submit} noValidate>
        {error !== null && (
          <div tabIndex={-1}>
            <ErrorAlert error={error} />
            {conflict && (
              <button type="button" className="button button--secondary" onClick={onReload}>
                {t('households.conflictReload')}
              </button>
            )}
          </div>
        )}

        <fieldset className="card household-form__section">
          <legend>{t('households.general')}</legend>
          <div className="hh-grid">
            {isNew && (
              <>
                <Select
                  label={t('households.commune')}
                  value={draft.communeCode}
                  error={fieldErrors.get('communeCode')}
                  options={options.communes.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
                  onChange={(value) => set('communeCode', value)}
                />
                <Input label={t('households.village')} value={draft.village} error={fieldErrors.get('village')} onChange={(value) => set('village', value)} list={villageListId} />
                <datalist id={villageListId}>
                  {(villages.status === 'done' ? villages.data.villages : []).map((v) => (
                    <option key={v} value={v} />
                  ))}
                </datalist>
                <Input label={t('households.codeField')} hint={t('households.codeHint')} value={draft.code} error={fieldErrors.get('code')} onChange={(value) => set('code', value)} />
              </>
            )}
            <Input label={t('households.headName')} value={draft.headName} error={fieldErrors.get('headName')} onChange={(value) => set('headName', value)} />
            <Input label={t('households.address')} value={draft.address} error={fieldErrors.get('address')} onChange={(value) => set('address', value)} />
            <Select
              label={t('households.headEthnic')}
              value={draft.headEthnicCode}
              error={fieldErrors.get('headEthnicCode')}
              options={options.ethnicGroups.map((g) => ({ value: g.code, label: g.name }))}
              onChange={(value) => set('headEthnicCode', value)}
            />
            <Select
              label={t('households.area')}
              value={draft.area}
              required
              error={fieldErrors.get('area')}
              options={[
                { value: 'rural', label: t('areas.rural') },
                { value: 'urban', label: t('areas.urban') },
              ]}
              onChange={(value) => set('area', value as Draft['area'])}
            />
            <Check label={t('households.farmHousehold')} checked={draft.farmHousehold} onChange={(value) => set('farmHousehold', value)} />
          </div>
        </fieldset>

        <fieldset className="card household-form__section">
          <legend>{t('households.living')}</legend>
          <div className="hh-grid">
            <div className="field">
              <DateField label={t('households.surveyDate')} value={draft.surveyDate} onChange={(value) => set('surveyDate', value)} />
              {fieldErrors.get('surveyDate') && <p className="field__hint field__hint--error">{fieldErrors.get('surveyDate')}</p>}
            </div>
            <Input label={t('households.incomePerCapita')} inputMode="numeric" value={draft.incomePerCapita} error={fieldErrors.get('incomePerCapita')} onChange={(value) => set('incomePerCapita', value)} />
            <Input label={t('households.scoreA')} inputMode="decimal" value={draft.scoreA} error={fieldErrors.get('scoreA')} onChange={(value) => set('scoreA', value)} />
            <Input label={t('households.floorArea')} inputMode="decimal" value={draft.floorAreaM2} error={fieldErrors.get('floorAreaM2')} onChange={(value) => set('floorAreaM2', value)} />
            {(['durableWalls', 'durableFrame', 'durableRoof', 'internetUse', 'informationDevices', 'wasteCollected'] as const).map((key) => (
              <Select
                key={key}
                label={t(`households.${key}`)}
                value={draft[key]}
                emptyLabel={t('households.unknown')}
                error={fieldErrors.get(key)}
                options={triOptions}
                onChange={(value) => set(key, value as TriState)}
              />
            ))}
            <Select label={t('households.waterSource')} value={draft.waterSource} emptyLabel={t('households.unknown')} error={fieldErrors.get('waterSource')} options={enumOptions('waterSources', WATER_SOURCES)} onChange={(value) => set('waterSource', value)} />
            <Select label={t('households.latrine')} value={draft.latrine} emptyLabel={t('households.unknown')} error={fieldErrors.get('latrine')} options={enumOptions('latrines', LATRINES)} onChange={(value) => set('latrine', value)} />
          </div>
        </fieldset>

        <fieldset className="card household-form__section">
          <legend>{t('households.members', { count: draft.members.length })}</legend>
          {fieldErrors.get('members') && <p className="field__hint field__hint--error">{fieldErrors.get('members')}</p>}
          {draft.members.map((member, index) => {
            const at = (field: string) => fieldErrors.get(`members[${index}].${field}`);
            return (
              <div key={member.key} className="member-editor">
                <div className="member-editor__heading">
                  <h3>{t('households.memberTitle', { number: index + 1 })}</h3>
                  {draft.members.length > 1 && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setDraft((current) => ({ ...current, members: current.members.filter((_, i) => i !== index) }))}
                    >
                      {t('households.removeMember', { number: index + 1 })}
                    </button>
                  )}
                </div>
                <div className="hh-grid">
                  <Input label={t('households.memberName')} value={member.fullName} error={at('fullName')} onChange={(value) => setMember(index, { fullName: value })} />
                  <Input label={t('households.relation')} value={member.relation} error={at('relation')} onChange={(value) => setMember(index, { relation: value })} />
                  <Select label={t('households.sex')} value={member.sex} required error={at('sex')} options={[{ value: 'male', label: t('sexes.male') }, { value: 'female', label: t('sexes.female') }]} onChange={(value) => setMember(index, { sex: value as MemberDraft['sex'] })} />
                  <Input label={t('households.birthDate')} hint={t('dateField.hint')} placeholder={t('dateField.placeholder')} inputMode="numeric" value={member.birthDate} error={at('birthDate')} onChange={(value) => setMember(index, { birthDate: value })} />
                  <Select label={t('households.ethnic')} value={member.ethnicCode} error={at('ethnicCode')} options={options.ethnicGroups.map((g) => ({ value: g.code, label: g.name }))} onChange={(value) => setMember(index, { ethnicCode: value })} />
                  <Input label={t('households.citizenId')} hint={t('households.citizenIdHint')} inputMode="numeric" value={member.citizenId} error={at('citizenId')} onChange={(value) => setMember(index, { citizenId: value })} />
                  <Select label={t('households.employment')} value={member.employment} required error={at('employment')} options={enumOptions('employmentStatuses', EMPLOYMENT)} onChange={(value) => setMember(index, { employment: value })} />
                  <Select label={t('households.educationLevel')} value={member.educationLevel} required error={at('educationLevel')} options={enumOptions('educationLevels', EDUCATION)} onChange={(value) => setMember(index, { educationLevel: value })} />
                </div>
                <div className="hh-check-row">
                  <Check label={t('households.healthInsurance')} checked={member.healthInsurance} onChange={(value) => setMember(index, { healthInsurance: value })} />
                  <Check label={t('households.attendingSchool')} checked={member.attendingSchool} onChange={(value) => setMember(index, { attendingSchool: value })} />
                  <Check label={t('households.socialAllowance')} checked={member.socialAllowance} onChange={(value) => setMember(index, { socialAllowance: value })} />
                  <Check label={t('households.stunted')} checked={member.stunted} onChange={(value) => setMember(index, { stunted: value })} />
                  <Check label={t('households.underweight')} checked={member.underweight} onChange={(value) => setMember(index, { underweight: value })} />
                </div>
              </div>
            );
          })}
          <button type="button" className="button button--secondary" onClick={() => setDraft((current) => ({ ...current, members: [...current.members, emptyMember()] }))}>
            {t('households.addMember')}
          </button>
        </fieldset>

        <div className="household-form__buttons">
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? t('households.saving') : t('households.save')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => (detail ? navigation.open(detail.household.code) : navigation.back())}>
            {t('households.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}

function FieldFrame({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-hint`} className="field__hint field__hint--error">
          {error}
        </p>
      )}
    </div>
  );
}

interface InputProps {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
  hint?: string;
  placeholder?: string;
  inputMode?: 'numeric' | 'decimal';
  list?: string;
}

function Input({ label, value, onChange, error, hint, placeholder, inputMode, list }: InputProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        type="text"
        value={value}
        autoComplete="off"
        inputMode={inputMode}
        placeholder={placeholder}
        list={list}
        aria-invalid={error ? true : undefined}
        aria-describedby={hint || error ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </FieldFrame>
  );
}

interface SelectProps {
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange(value: string): void;
  error?: string | undefined;
  required?: boolean;
  emptyLabel?: string;
}

function Select({ label, value, options, onChange, error, required, emptyLabel }: SelectProps) {
  const { t } = useT();
  const id = useId();
  return (
    <FieldFrame id={id} label={label} error={error}>
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {!required && <option value="">{emptyLabel ?? t('households.choose')}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange(value: boolean): void }) {
  const id = useId();
  return (
    <div className="hh-check">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
