/**
 * Movements (diễn biến) of poor and near-poor households between a household's successive
 * recognised results, and the movement tables per unit for households and for persons
 * (SPEC §7, DOMAIN §2.7). For every unit and group the identity
 * `end = start − decreases + increases` holds, by households and by persons. Pure.
 */

export type ResultStatus = 'poor' | 'near_poor' | 'average' | 'not_poor';

/** The two groups a movement table is kept for: hộ nghèo and hộ cận nghèo. */
export type MovementGroup = 'poor' | 'near_poor';
export const MOVEMENT_GROUPS: readonly MovementGroup[] = ['poor', 'near_poor'];

/**
 * Ways out of a group:
 * - `became_near_poor` / `became_poor` — into the other group (trở thành hộ cận nghèo / hộ nghèo);
 * - `escaped` — above the near-poor line (thoát nghèo, thoát cận nghèo);
 * - `other_decrease` — moved away, dissolved (giảm khác).
 */
export type Decrease = 'became_near_poor' | 'became_poor' | 'escaped' | 'other_decrease';
/**
 * Ways into a group:
 * - `near_poor_became_poor` / `poor_became_near_poor` — from the other group;
 * - `fell_back` — from neither group, having been in this one at an earlier result (tái nghèo, tái cận nghèo);
 * - `new` — in this group for the first time (phát sinh mới);
 * - `other_increase` — moved in (tăng khác).
 */
export type Increase = 'near_poor_became_poor' | 'poor_became_near_poor' | 'fell_back' | 'new' | 'other_increase';

export const DECREASES: Readonly<Record<MovementGroup, readonly Decrease[]>> = {
  poor: ['became_near_poor', 'escaped', 'other_decrease'],
  near_poor: ['became_poor', 'escaped', 'other_decrease'],
};
export const INCREASES: Readonly<Record<MovementGroup, readonly Increase[]>> = {
  poor: ['near_poor_became_poor', 'fell_back', 'new', 'other_increase'],
  near_poor: ['poor_became_near_poor', 'fell_back', 'new', 'other_increase'],
};

/**
 * One recognised result of a household (or its leaving): the day it took effect, the unit it
 * counts in (null: outside every unit reported on, e.g. dissolved or moved out of the province),
 * its class (null when gone) and its members.
 */
export interface HouseholdState {
  at: string;
  unit: string | null;
  status: ResultStatus | null;
  persons: number;
}

export interface Movement {
  group: MovementGroup;
  unit: string;
  direction: 'decrease' | 'increase';
  kind: Decrease | Increase;
  households: number;
  persons: number;
}

const other = (group: MovementGroup): MovementGroup => (group === 'poor' ? 'near_poor' : 'poor');

const isIn = (state: HouseholdState | null, group: MovementGroup): state is HouseholdState & { unit: string } =>
  state !== null && state.unit !== null && state.status === group;

/**
 * The movements one change of result makes, per group and unit.
 * `previous` is null for a household's first result; `earlier` are the statuses before `previous`.
 *
 * @example
 * classifyTransition({ at: '2021-12-10', unit: 'A', status: 'poor', persons: 4 },
 *                    { at: '2022-12-10', unit: 'A', status: 'near_poor', persons: 4 }, [])
 * // [{ group: 'poor', unit: 'A', direction: 'decrease', kind: 'became_near_poor', households: 1, persons: 4 },
 * //  { group: 'near_poor', unit: 'A', direction: 'increase', kind: 'poor_became_near_poor', households: 1, persons: 4 }]
 */
export function classifyTransition(
  previous: HouseholdState | null,
  current: HouseholdState,
  earlier: readonly (ResultStatus | null)[],
): Movement[] {
  const movements: Movement[] = [];
  for (const group of MOVEMENT_GROUPS) {
    const wasIn = isIn(previous, group);
    const nowIn = isIn(current, group);
    if (wasIn && nowIn && previous.unit === current.unit) {
      // Same household, same group and unit: births, deaths, members leaving or joining.
      const delta = current.persons - previous.persons;
      if (delta !== 0) {
        movements.push({
          group,
          unit: current.unit,
          direction: delta > 0 ? 'increase' : 'decrease',
          kind: delta > 0 ? 'other_increase' : 'other_decrease',
          households: 0,
          persons: Math.abs(delta),
        });
      }
      continue;
    }
    if (wasIn) {
      const stayed = current.unit === previous.unit;
      const kind: Decrease = !stayed || current.status === null
        ? 'other_decrease'
        : current.status === other(group)
          ? (group === 'poor' ? 'became_near_poor' : 'became_poor')
          : 'escaped';
      movements.push({ group, unit: previous.unit, direction: 'decrease', kind, households: 1, persons: previous.persons });
    }
    if (nowIn) {
      let kind: Increase;
      if (previous === null) kind = 'new';
      else if (previous.unit !== current.unit || previous.status === null) kind = 'other_increase';
      else if (previous.status === other(group)) kind = group === 'poor' ? 'near_poor_became_poor' : 'poor_became_near_poor';
      else kind = earlier.includes(group) ? 'fell_back' : 'new';
      movements.push({ group, unit: current.unit, direction: 'increase', kind, households: 1, persons: current.persons });
    }
  }
  return movements;
}

/** A household's states in time order (ties keep their order). */
export type Timeline = readonly HouseholdState[];

export interface Count {
  households: number;
  persons: number;
}

/** The movement table of one group in one unit. */
export interface GroupTable {
  start: Count;
  decreases: Record<string, Count>;
  increases: Record<string, Count>;
  end: Count;
}

export interface UnitMovementTable {
  unit: string;
  poor: GroupTable;
  near_poor: GroupTable;
}

const zero = (): Count => ({ households: 0, persons: 0 });

function emptyGroupTable(group: MovementGroup): GroupTable {
  return {
    start: zero(),
    decreases: Object.fromEntries(DECREASES[group].map((kind) => [kind, zero()])),
    increases: Object.fromEntries(INCREASES[group].map((kind) => [kind, zero()])),
    end: zero(),
  };
}

const add = (count: Count, households: number, persons: number) => {
  count.households += households;
  count.persons += persons;
};

/**
 * The movement tables between two days, per unit: `start` counts the results in force at the
 * end of `from`, `end` those in force at the end of `to`, and the movements are every change of
 * result dated after `from` up to `to`. `unitOf` maps a state's unit (a commune code) to the
 * unit reported on — a district, the province, or a new commune through the 2025 succession —
 * or null when it falls outside the report.
 *
 * @example movementTables(timelines, '2021-12-31', '2022-12-31', (commune) => districtOf[commune] ?? null)
 */
export function movementTables(
  timelines: Iterable<Timeline>,
  from: string,
  to: string,
  unitOf: (unit: string) => string | null = (unit) => unit,
): UnitMovementTable[] {
  const tables = new Map<string, UnitMovementTable>();
  const tableOf = (unit: string) => {
    let table = tables.get(unit);
    if (!table) {
      table = { unit, poor: emptyGroupTable('poor'), near_poor: emptyGroupTable('near_poor') };
      tables.set(unit, table);
    }
    return table;
  };
  const mapped = (state: HouseholdState): HouseholdState => ({ ...state, unit: state.unit === null ? null : unitOf(state.unit) });
  const count = (state: HouseholdState | null, side: 'start' | 'end') => {
    if (state === null || state.unit === null) return;
    for (const group of MOVEMENT_GROUPS) {
      if (state.status === group) add(tableOf(state.unit)[group][side], 1, state.persons);
    }
  };

  for (const timeline of timelines) {
    const states = timeline.map(mapped);
    let startState: HouseholdState | null = null;
    let endState: HouseholdState | null = null;
    for (let i = 0; i < states.length; i++) {
      const state = states[i]!;
      if (state.at <= from) startState = state;
      if (state.at <= to) endState = state;
      if (state.at <= from || state.at > to) continue;
      const previous = i > 0 ? states[i - 1]! : null;
      const earlier = states.slice(0, Math.max(0, i - 1)).map((s) => s.status);
      for (const movement of classifyTransition(previous, state, earlier)) {
        const table = tableOf(movement.unit)[movement.group];
        add((movement.direction === 'decrease' ? table.decreases : table.increases)[movement.kind]!, movement.households, movement.persons);
      }
    }
    count(startState, 'start');
    count(endState, 'end');
  }
  return [...tables.values()].sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}

/** `start − decreases + increases`, which equals `end` for every table this module builds. */
export function expectedEnd(table: GroupTable): Count {
  const sum = (counts: Record<string, Count>) =>
    Object.values(counts).reduce((total, c) => ({ households: total.households + c.households, persons: total.persons + c.persons }), zero());
  const down = sum(table.decreases);
  const up = sum(table.increases);
  return {
    households: table.start.households - down.households + up.households,
    persons: table.start.persons - down.persons + up.persons,
  };
}
