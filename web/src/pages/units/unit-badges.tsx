import type { Unit } from '../../api';
import { useT } from '../../i18n';
import { unitTypeKey } from './unit-tree';

/** The unit's type, in the user's language. Types the catalog does not know are shown as sent. */
export function useUnitTypeLabel(): (type: string) => string {
  const { t } = useT();
  return (type) => {
    const key = unitTypeKey(type);
    return key ? t(`unitTypes.${key}`) : type;
  };
}

/** Small labels for the unit type and, for communes, the area (thành thị / nông thôn). */
export function UnitTypeBadges({ unit }: { unit: Unit }) {
  const { t } = useT();
  const typeLabel = useUnitTypeLabel();
  return (
    <>
      <span className="badge">{typeLabel(unit.type)}</span>
      {unit.area && <span className={`badge badge--${unit.area}`}>{t(`areas.${unit.area}`)}</span>}
    </>
  );
}
