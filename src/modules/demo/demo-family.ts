/**
 * Who lives in a demo household: relations to the head, sexes, ages that fit the relations,
 * and names in the custom of each ethnic group. Pure and seeded.
 */
import type { Sex } from '../../domain/poverty/types.js';
import {
  type DemoEthnicCode,
  type Ethnicity,
  GROUP_NAMES,
  type GroupNames,
  JRAI,
  KINH,
  VIETNAMESE_FEMALE_MIDDLE,
  VIETNAMESE_MALE_MIDDLE,
} from './demo-names.js';
import type { Random, WeightedTable } from './demo-random.js';

/** Quan hệ với chủ hộ, as written in the `member.relation` column. */
export const DEMO_RELATIONS = [
  'chủ hộ', 'vợ', 'chồng', 'con', 'con dâu', 'con rể', 'cháu', 'bố', 'mẹ',
] as const;
export type DemoRelation = (typeof DEMO_RELATIONS)[number];

/** A household member before the facts: who they are to the head, sex, age, group, surname. */
export interface Person {
  relation: DemoRelation;
  sex: Sex;
  age: number;
  group: DemoEthnicCode;
  surname: string;
}

/** Household sizes by the head's ethnicity (mean about 3.5 Kinh, 4.2 minority). */
export const HOUSEHOLD_SIZE: Readonly<Record<Ethnicity, WeightedTable<number>>> = {
  kinh: [[1, 8], [2, 17], [3, 24], [4, 30], [5, 13], [6, 5], [7, 2], [8, 1]],
  minority: [[1, 3], [2, 11], [3, 19], [4, 26], [5, 20], [6, 12], [7, 6], [8, 3]],
};

/** Share of female heads among couples; Jrai and Ê Đê families are matrilocal. */
const FEMALE_HEAD_SHARE: Readonly<Record<DemoEthnicCode, number>> = {
  '01': 0.18, '02': 0.18, '03': 0.18, '06': 0.18, '07': 0.18, '10': 0.45, '12': 0.45, '13': 0.22,
};

const other = (sex: Sex): Sex => (sex === 'male' ? 'female' : 'male');

/** Triangular-ish integer in [lo, hi], peaked in the middle. */
function midInt(rng: Random, lo: number, hi: number): number {
  if (hi <= lo) return lo;
  return lo + Math.floor(((rng.next() + rng.next()) / 2) * (hi - lo + 1));
}

/**
 * Ages of `count` children of a mother aged `motherAge`, oldest first, born at least a year
 * apart from the mother's age `minBirthAge` on. Needs motherAge ≥ minBirthAge + count − 1.
 */
function childAges(rng: Random, motherAge: number, count: number, minBirthAge: number): number[] {
  const births: number[] = [];
  let at = rng.int(minBirthAge, minBirthAge + 7);
  for (let i = 0; i < count; i++) {
    births.push(at);
    at += rng.int(1, 4);
  }
  const overshoot = Math.max(0, (births[count - 1] ?? 0) - motherAge);
  return births.map((birth, i) => motherAge - Math.max(minBirthAge + i, birth - overshoot));
}

class FamilyBuilder {
  readonly people: Person[] = [];
  private readonly names: GroupNames;

  constructor(
    private readonly rng: Random,
    readonly group: DemoEthnicCode,
  ) {
    this.names = GROUP_NAMES[group];
  }

  freshSurname(group: DemoEthnicCode = this.group): string {
    return this.rng.weighted(GROUP_NAMES[group].surnames);
  }

  /** The surname a child takes from its parents under the group's custom. */
  childSurname(father: Person | undefined, mother: Person | undefined): string {
    const parent = this.names.matrilineal ? mother : father;
    return parent?.surname ?? this.freshSurname();
  }

  add(relation: DemoRelation, sex: Sex, age: number, surname: string, group = this.group): Person {
    const person: Person = { relation, sex, age: Math.max(0, Math.min(98, age)), group, surname };
    this.people.push(person);
    return person;
  }

  /** A spouse's group: mostly the same; mixed marriages are mostly with Kinh. */
  spouseGroup(): DemoEthnicCode {
    if (!this.rng.chance(0.04)) return this.group;
    return this.group === KINH ? JRAI : KINH;
  }

  addSpouse(head: Person, age: number): Person {
    const group = this.spouseGroup();
    let surname = this.freshSurname(group);
    // Clans are exogamous; a redraw keeps most couples in different clans.
    if (surname === head.surname) surname = this.freshSurname(group);
    return this.add(head.sex === 'male' ? 'vợ' : 'chồng', other(head.sex), age, surname, group);
  }

  addChildren(relation: 'con' | 'cháu', father: Person | undefined, mother: Person | undefined, ages: number[]): void {
    for (const age of ages) {
      this.add(relation, this.rng.chance(0.51) ? 'male' : 'female', age, this.childSurname(father, mother));
    }
  }
}

/** Minimum mother's age at a first birth, by group. */
const minBirthAge = (group: DemoEthnicCode): number => (group === KINH ? 20 : 17);

/**
 * Head, optional spouse and `children` children. The head's age is drawn in `headAge`, raised
 * when the mother needs to be old enough for that many children.
 */
function coreFamily(
  rng: Random,
  family: FamilyBuilder,
  withSpouse: boolean,
  children: number,
  headAge: [number, number],
  femaleHeadShare: number,
): { head: Person; spouse: Person | undefined } {
  const birthAge = minBirthAge(family.group);
  const headSex: Sex = rng.chance(withSpouse ? femaleHeadShare : 0.7) ? 'female' : 'male';
  const ageGap = rng.int(-1, 7);
  // Mother's age must leave room for the children.
  const minMother = children > 0 ? birthAge + children : 18;
  const minHead = Math.max(headAge[0], headSex === 'female' ? minMother : minMother + Math.max(0, ageGap));
  const age = midInt(rng, minHead, Math.max(minHead, headAge[1]));
  const head = family.add('chủ hộ', headSex, age, family.freshSurname());
  let spouse: Person | undefined;
  if (withSpouse) {
    const spouseAge = headSex === 'male' ? Math.max(18, age - ageGap) : age + ageGap;
    spouse = family.addSpouse(head, spouseAge);
  }
  if (children > 0) {
    const mother = head.sex === 'female' ? head : spouse;
    const father = head.sex === 'male' ? head : spouse;
    const motherAge = Math.max(mother?.age ?? Math.max(minMother, age - ageGap), minMother);
    family.addChildren('con', father, mother, childAges(rng, motherAge, children, birthAge));
  }
  return { head, spouse };
}

/** Draws who lives in a household of `size` members. */
export function compose(rng: Random, group: DemoEthnicCode, size: number): Person[] {
  const family = new FamilyBuilder(rng, group);
  const femaleHead = FEMALE_HEAD_SHARE[group];
  if (size === 1) {
    const elderly = rng.chance(0.6);
    const sex: Sex = rng.chance(elderly ? 0.65 : 0.45) ? 'female' : 'male';
    family.add('chủ hộ', sex, elderly ? rng.int(60, 88) : rng.int(20, 59), family.freshSurname());
    return family.people;
  }
  if (size === 2) {
    if (rng.chance(0.65)) coreFamily(rng, family, true, 0, rng.chance(0.45) ? [20, 35] : [50, 82], femaleHead);
    else coreFamily(rng, family, false, 1, [22, 60], femaleHead);
    return family.people;
  }
  const template = rng.weighted<'nuclear' | 'parents' | 'grandchildren' | 'single'>([
    ['nuclear', 72],
    ['parents', 12],
    ['grandchildren', size >= 4 ? 10 : 0],
    ['single', 6],
  ]);
  if (template === 'nuclear') {
    coreFamily(rng, family, true, size - 2, [20, 58], femaleHead);
  } else if (template === 'single') {
    coreFamily(rng, family, false, size - 1, [24, 58], femaleHead);
  } else if (template === 'parents') {
    const parents = size >= 4 && rng.chance(0.5) ? 2 : 1;
    const withSpouse = rng.chance(0.85);
    const children = size - 1 - parents - (withSpouse ? 1 : 0);
    const { head } = coreFamily(rng, family, withSpouse, children, [22, 55], femaleHead);
    const names = GROUP_NAMES[group];
    const fatherAge = head.age + rng.int(22, 34);
    const motherAge = fatherAge - rng.int(0, 6);
    // The head took the surname of the parent their custom follows.
    const headLine: Sex = names.matrilineal ? 'female' : 'male';
    const parentSexes: Sex[] = parents === 2 ? ['male', 'female'] : [rng.chance(0.65) ? 'female' : 'male'];
    for (const sex of parentSexes) {
      family.add(
        sex === 'male' ? 'bố' : 'mẹ',
        sex,
        sex === 'male' ? fatherAge : motherAge,
        sex === headLine ? head.surname : family.freshSurname(),
      );
    }
  } else {
    const birthAge = minBirthAge(group);
    const withSpouse = rng.chance(size >= 5 ? 0.8 : 0.5);
    let left = size - 1 - (withSpouse ? 1 : 0) - 1;
    const withInLaw = left >= 2 && rng.chance(0.8);
    if (withInLaw) left -= 1;
    const grandchildren = Math.max(1, left);
    const adultMin = birthAge + grandchildren + 1;
    const { head, spouse } = coreFamily(rng, family, withSpouse, 0, [Math.max(50, adultMin + 20), 78], femaleHead);
    const adultAge = Math.max(adultMin, head.age - rng.int(22, 32));
    const father = head.sex === 'male' ? head : spouse;
    const mother = head.sex === 'female' ? head : spouse;
    const adult = family.add('con', rng.chance(0.5) ? 'male' : 'female', adultAge, family.childSurname(father, mother));
    const inLaw = withInLaw
      ? family.add(
          adult.sex === 'male' ? 'con dâu' : 'con rể',
          other(adult.sex),
          Math.max(birthAge + grandchildren, adultAge + rng.int(-5, 5)),
          family.freshSurname(),
        )
      : undefined;
    const grandMother = adult.sex === 'female' ? adult : inLaw;
    const grandFather = adult.sex === 'male' ? adult : inLaw;
    const motherAge = Math.max(birthAge + grandchildren, grandMother?.age ?? adultAge - rng.int(0, 5));
    family.addChildren('cháu', grandFather, grandMother, childAges(rng, motherAge, grandchildren, birthAge));
  }
  return family.people;
}

/**
 * A full name in the custom of the person's group, with a given name nobody else in the
 * household has (`taken` collects them).
 */
export function fullName(rng: Random, person: Person, taken: Set<string>): string {
  const names = GROUP_NAMES[person.group];
  const pool = person.sex === 'male' ? names.maleGiven : names.femaleGiven;
  let given = rng.pick(pool);
  for (let attempt = 0; attempt < 4 && taken.has(given); attempt++) given = rng.pick(pool);
  taken.add(given);
  switch (names.style) {
    case 'vietnamese': {
      const middle = rng.weighted(person.sex === 'male' ? VIETNAMESE_MALE_MIDDLE : VIETNAMESE_FEMALE_MIDDLE);
      return `${person.surname} ${middle} ${given}`;
    }
    case 'bahnar':
      return rng.chance(0.8) ? `${person.surname} ${person.sex === 'male' ? 'Văn' : 'Thị'} ${given}` : `${person.surname} ${given}`;
    case 'ede':
      return person.sex === 'male' ? `Y ${given} ${person.surname}` : `H'${given} ${person.surname}`;
    case 'jrai':
      return `${person.surname} ${given}`;
  }
}
