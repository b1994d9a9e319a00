/**
 * The demo province's shape: how big each commune is, how many of its households are ethnic
 * minority and of which groups, its villages, and the poverty propensity of its households,
 * calibrated on Gia Lai's end-2021 baseline (DOMAIN §6.4). Pure and seeded.
 */
import type { AreaType } from '../../db/schema.js';
import {
  BAHNAR,
  BAHNAR_VILLAGES,
  BUON_VILLAGES,
  type DemoEthnicCode,
  type Ethnicity,
  JRAI,
  JRAI_VILLAGES,
  KINH,
  KINH_VILLAGES,
} from './demo-names.js';
import { Random, type WeightedTable, hashString } from './demo-random.js';

/** A commune (xã, phường, thị trấn) households are placed in. */
export interface DemoCommune {
  code: string;
  /** Full name with its type, e.g. 'Xã Đăk Pling'. */
  name: string;
  /** Code of the district-level unit (622–639 for old Gia Lai). */
  districtCode: string;
  /** Khu vực of the commune at the survey date. */
  area: AreaType;
  /** Full district name for addresses, e.g. 'Huyện Kông Chro'; left out of addresses when absent. */
  districtName?: string | undefined;
}

/**
 * Gia Lai's end-2021 baseline under the 2022–2025 standard (Report 67/BC-UBND, 7 Jun 2022;
 * DOMAIN §6.4 [C]); Kinh rates and the ethnic-minority share are derived from these counts.
 */
const BASELINE_2021 = {
  poor: 45_688,
  poorRate: 0.1209,
  minorityPoor: 40_475,
  minorityPoorRate: 0.2558,
  nearPoor: 33_866,
  minorityNearPoor: 24_839,
} as const;

const BASELINE_HOUSEHOLDS = BASELINE_2021.poor / BASELINE_2021.poorRate;
const BASELINE_MINORITY_HOUSEHOLDS = BASELINE_2021.minorityPoor / BASELINE_2021.minorityPoorRate;
const BASELINE_KINH_HOUSEHOLDS = BASELINE_HOUSEHOLDS - BASELINE_MINORITY_HOUSEHOLDS;

const TARGET = {
  minorityShare: BASELINE_MINORITY_HOUSEHOLDS / BASELINE_HOUSEHOLDS,
  poorRate: {
    minority: BASELINE_2021.minorityPoorRate,
    kinh: (BASELINE_2021.poor - BASELINE_2021.minorityPoor) / BASELINE_KINH_HOUSEHOLDS,
  },
  nearPoorRate: {
    minority: BASELINE_2021.minorityNearPoor / BASELINE_MINORITY_HOUSEHOLDS,
    kinh: (BASELINE_2021.nearPoor - BASELINE_2021.minorityNearPoor) / BASELINE_KINH_HOUSEHOLDS,
  },
} as const;

export interface DistrictProfile {
  /** Share of households with an ethnic-minority head (before province-wide scaling). */
  minorityShare: number;
  /** Odds multiplier of being poor for minority households (Kinh get its square root). */
  povertyFactor: number;
  /** Share of the Jrai among the district's Jrai + Bahnar households. */
  jraiShare: number;
  /** Share of other minority groups (Tày, Nùng, Thái, Mường, Ê Đê) among minority households. */
  otherMinorityShare: number;
  /** How minority villages are called: plei (Jrai), buôn (Jrai of the Ayun Pa plain), làng (Bahnar). */
  villageStyle: 'plei' | 'buon' | 'lang';
}

const DEFAULT_DISTRICT: DistrictProfile = {
  minorityShare: 0.42,
  povertyFactor: 1,
  jraiShare: 0.7,
  otherMinorityShare: 0.05,
  villageStyle: 'plei',
};

/**
 * Old Gia Lai's district-level units (codes valid until 30 June 2025). Rough shares from the
 * 2019 census picture (Jrai in the west and south, Bahnar in the north-east); Kông Chro (630)
 * is the poorest district (DOMAIN §6.3), Pleiku and An Khê the least poor.
 */
const GIA_LAI_DISTRICTS: Readonly<Record<string, DistrictProfile>> = {
  '622': { minorityShare: 0.13, povertyFactor: 0.45, jraiShare: 0.7, otherMinorityShare: 0.04, villageStyle: 'plei' },
  '623': { minorityShare: 0.1, povertyFactor: 0.6, jraiShare: 0.05, otherMinorityShare: 0.03, villageStyle: 'lang' },
  '624': { minorityShare: 0.45, povertyFactor: 0.8, jraiShare: 0.97, otherMinorityShare: 0.03, villageStyle: 'buon' },
  '625': { minorityShare: 0.52, povertyFactor: 1.25, jraiShare: 0.03, otherMinorityShare: 0.03, villageStyle: 'lang' },
  '626': { minorityShare: 0.62, povertyFactor: 1, jraiShare: 0.25, otherMinorityShare: 0.03, villageStyle: 'lang' },
  '627': { minorityShare: 0.5, povertyFactor: 0.85, jraiShare: 0.9, otherMinorityShare: 0.06, villageStyle: 'plei' },
  '628': { minorityShare: 0.45, povertyFactor: 0.9, jraiShare: 0.97, otherMinorityShare: 0.08, villageStyle: 'plei' },
  '629': { minorityShare: 0.6, povertyFactor: 1.2, jraiShare: 0.2, otherMinorityShare: 0.03, villageStyle: 'lang' },
  '630': { minorityShare: 0.8, povertyFactor: 3, jraiShare: 0.03, otherMinorityShare: 0.02, villageStyle: 'lang' },
  '631': { minorityShare: 0.45, povertyFactor: 1.05, jraiShare: 0.97, otherMinorityShare: 0.08, villageStyle: 'plei' },
  '632': { minorityShare: 0.48, povertyFactor: 1, jraiShare: 0.97, otherMinorityShare: 0.08, villageStyle: 'plei' },
  '633': { minorityShare: 0.45, povertyFactor: 0.9, jraiShare: 0.95, otherMinorityShare: 0.08, villageStyle: 'plei' },
  '634': { minorityShare: 0.32, povertyFactor: 1, jraiShare: 0.03, otherMinorityShare: 0.03, villageStyle: 'lang' },
  '635': { minorityShare: 0.75, povertyFactor: 1.35, jraiShare: 0.85, otherMinorityShare: 0.02, villageStyle: 'buon' },
  '637': { minorityShare: 0.7, povertyFactor: 1.35, jraiShare: 0.97, otherMinorityShare: 0.03, villageStyle: 'buon' },
  '638': { minorityShare: 0.5, povertyFactor: 1, jraiShare: 0.97, otherMinorityShare: 0.03, villageStyle: 'buon' },
  '639': { minorityShare: 0.52, povertyFactor: 1, jraiShare: 0.97, otherMinorityShare: 0.08, villageStyle: 'plei' },
};

/** Minority groups other than Jrai and Bahnar, mostly settlers from the northern mountains. */
const OTHER_MINORITIES: WeightedTable<DemoEthnicCode> = [
  ['07', 35], ['02', 32], ['03', 12], ['06', 12], ['12', 9],
];

/** Odds multiplier of being poor by minority group: settler groups are less poor. */
const GROUP_POVERTY_FACTOR: Readonly<Record<DemoEthnicCode, number>> = {
  '01': 1, '02': 0.55, '03': 0.55, '06': 0.55, '07': 0.55, '10': 1, '12': 1, '13': 1.1,
};

/** Urban households (phường, thị trấn): fewer minorities, lower poverty odds, bigger units. */
const URBAN_MINORITY_SHIFT = -1.2;
const URBAN_POVERTY_FACTOR = 0.55;
const URBAN_SIZE_WEIGHT = 1.8;

export interface Village {
  name: string;
  minority: boolean;
}

export interface CommuneProfile {
  commune: DemoCommune;
  district: DistrictProfile;
  households: number;
  /** Log-odds of a minority head before the province-wide shift. */
  minorityLogit: number;
  /** The commune's random part of `minorityLogit`. */
  minorityNoise: number;
  minorityShare: number;
  /** Minority groups of the commune with their shares. */
  groups: WeightedTable<DemoEthnicCode>;
  /** Commune random effect on the log-odds of poverty. */
  effect: number;
  sizeWeight: number;
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));

/** A commune's profile before allocation and calibration, from its own random stream. */
function draftProfile(commune: DemoCommune, seed: number): CommuneProfile {
  const rng = new Random(seed, hashString(`profile:${commune.code}`));
  const district = GIA_LAI_DISTRICTS[commune.districtCode] ?? DEFAULT_DISTRICT;
  const urban = commune.area === 'urban';
  const minorityNoise = 1.1 * rng.normal();
  const minorityLogit = logit(district.minorityShare) + (urban ? URBAN_MINORITY_SHIFT : 0) + minorityNoise;
  const jrai = (1 - district.otherMinorityShare) * district.jraiShare;
  const bahnar = (1 - district.otherMinorityShare) * (1 - district.jraiShare);
  const groups: [DemoEthnicCode, number][] = [[JRAI, jrai], [BAHNAR, bahnar]];
  for (const [code, weight] of OTHER_MINORITIES) groups.push([code, district.otherMinorityShare * weight / 100]);
  const sizeWeight = (urban ? URBAN_SIZE_WEIGHT : 1) * Math.exp(0.3 * rng.normal());
  return {
    commune,
    district,
    households: 0,
    minorityLogit,
    minorityNoise,
    minorityShare: 0,
    groups,
    effect: 0.35 * rng.normal(),
    sizeWeight,
  };
}

/**
 * Removes the district mean (weighted by commune size) of the communes' random draws, so that
 * communes vary within a district while every district keeps the level of its profile whatever
 * the seed.
 */
function centreWithinDistricts(profiles: CommuneProfile[]): void {
  const byDistrict = new Map<string, CommuneProfile[]>();
  for (const p of profiles) byDistrict.set(p.commune.districtCode, [...(byDistrict.get(p.commune.districtCode) ?? []), p]);
  for (const members of byDistrict.values()) {
    const weight = members.reduce((sum, p) => sum + p.sizeWeight, 0);
    const mean = (value: (p: CommuneProfile) => number): number =>
      members.reduce((sum, p) => sum + p.sizeWeight * value(p), 0) / weight;
    const minorityNoise = mean((p) => p.minorityNoise);
    const effect = mean((p) => p.effect);
    for (const p of members) {
      p.minorityLogit -= minorityNoise;
      p.effect -= effect;
    }
  }
}

/**
 * Households per commune by largest remainder over the size weights, at least one each when
 * there are enough households.
 */
function allocateHouseholds(profiles: CommuneProfile[], total: number): void {
  const floor = total >= profiles.length ? 1 : 0;
  const spare = total - floor * profiles.length;
  const weightSum = profiles.reduce((sum, p) => sum + p.sizeWeight, 0);
  const shares = profiles.map((p) => (spare * p.sizeWeight) / weightSum);
  profiles.forEach((p, i) => (p.households = floor + Math.floor(shares[i] ?? 0)));
  let left = total - profiles.reduce((sum, p) => sum + p.households, 0);
  const byRemainder = shares
    .map((share, index) => ({ index, remainder: share - Math.floor(share) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left-- <= 0) break;
    const profile = profiles[index];
    if (profile) profile.households += 1;
  }
}

/** The root of an increasing function on [lo, hi] by bisection. */
function solveIncreasing(f: (x: number) => number, target: number, lo = -15, hi = 15): number {
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Intercepts of the poverty log-odds, solved so the expected rates meet {@link TARGET}. */
export interface Calibration {
  poor: Record<Ethnicity, number>;
  nearPoor: Record<Ethnicity, number>;
}

/** Log-odds of being poor without the intercept. */
function povertyShift(profile: CommuneProfile, group: DemoEthnicCode): number {
  const minority = group !== KINH;
  const district = Math.log(profile.district.povertyFactor) * (minority ? 1 : 0.5);
  const urban = profile.commune.area === 'urban' ? Math.log(URBAN_POVERTY_FACTOR) : 0;
  return district + urban + Math.log(GROUP_POVERTY_FACTOR[group]) + profile.effect;
}

/** Poor and near-poor probabilities of a household. */
export function statusOdds(
  calibration: Calibration,
  profile: CommuneProfile,
  group: DemoEthnicCode,
): { poor: number; nearPoorIfNotPoor: number } {
  const ethnicity: Ethnicity = group === KINH ? 'kinh' : 'minority';
  const shift = povertyShift(profile, group);
  return {
    poor: logistic(calibration.poor[ethnicity] + shift),
    nearPoorIfNotPoor: logistic(calibration.nearPoor[ethnicity] + 0.5 * shift),
  };
}

/**
 * Scales the minority shares so the expected province share meets the target, then solves the
 * poor and near-poor intercepts of minority and Kinh households so that their expected rates
 * over the whole province meet the baseline.
 */
function calibrate(profiles: CommuneProfile[]): Calibration {
  const total = profiles.reduce((sum, p) => sum + p.households, 0);
  const shift = solveIncreasing(
    (delta) =>
      profiles.reduce((sum, p) => sum + p.households * logistic(p.minorityLogit + delta), 0) / total,
    TARGET.minorityShare,
  );
  for (const p of profiles) p.minorityShare = logistic(p.minorityLogit + shift);

  const mixture = (ethnicity: Ethnicity): { profile: CommuneProfile; group: DemoEthnicCode; weight: number }[] =>
    profiles.flatMap((profile) =>
      ethnicity === 'kinh'
        ? [{ profile, group: KINH, weight: profile.households * (1 - profile.minorityShare) }]
        : profile.groups.map(([group, share]) => ({
            profile,
            group,
            weight: profile.households * profile.minorityShare * share,
          })),
    );
  const calibration: Calibration = { poor: { minority: 0, kinh: 0 }, nearPoor: { minority: 0, kinh: 0 } };
  for (const ethnicity of ['minority', 'kinh'] as const) {
    const cells = mixture(ethnicity);
    const weight = cells.reduce((sum, c) => sum + c.weight, 0);
    calibration.poor[ethnicity] = solveIncreasing(
      (a) => cells.reduce((sum, c) => sum + c.weight * logistic(a + povertyShift(c.profile, c.group)), 0) / weight,
      TARGET.poorRate[ethnicity],
    );
    calibration.nearPoor[ethnicity] = solveIncreasing(
      (b) =>
        cells.reduce((sum, c) => {
          const s = povertyShift(c.profile, c.group);
          return sum + c.weight * (1 - logistic(calibration.poor[ethnicity] + s)) * logistic(b + 0.5 * s);
        }, 0) / weight,
      TARGET.nearPoorRate[ethnicity],
    );
  }
  return calibration;
}

/** Làng (Bahnar and Jrai), plei (Jrai), buôn (Jrai of the Ayun Pa plain). */
function villagePrefix(style: DistrictProfile['villageStyle'], rng: Random): string {
  if (style === 'lang') return 'Làng';
  if (style === 'buon') return rng.chance(0.7) ? 'Buôn' : 'Plei';
  return rng.chance(0.6) ? 'Plei' : 'Làng';
}

/**
 * The villages of a commune (thôn, làng, plei, buôn; tổ dân phố in towns), about one per 180
 * households, minority villages in proportion to the commune's minority share.
 */
export function buildVillages(profile: CommuneProfile, rng: Random): Village[] {
  const { commune, district } = profile;
  const count = Math.max(2, Math.min(24, Math.round(profile.households / 180)));
  let minorityCount = Math.round(count * profile.minorityShare);
  if (profile.minorityShare >= 0.03) minorityCount = Math.max(1, minorityCount);
  if (profile.minorityShare <= 0.97) minorityCount = Math.min(count - 1, minorityCount);

  const used = new Set<string>();
  const unique = (name: string): string => {
    let candidate = name;
    for (let n = 2; used.has(candidate); n++) candidate = `${name} ${n}`;
    used.add(candidate);
    return candidate;
  };
  const villages: Village[] = [];
  const minorityPool = rng.shuffled(
    district.villageStyle === 'lang' ? BAHNAR_VILLAGES : district.villageStyle === 'buon' ? BUON_VILLAGES : JRAI_VILLAGES,
  );
  for (let i = 0; i < minorityCount; i++) {
    const base = minorityPool[i % minorityPool.length] ?? 'Mới';
    villages.push({ name: unique(`${villagePrefix(district.villageStyle, rng)} ${base}`), minority: true });
  }
  const kinhCount = count - minorityCount;
  const kinhPool = rng.shuffled(KINH_VILLAGES);
  const numbered = commune.area === 'urban' || rng.chance(0.5);
  for (let i = 0; i < kinhCount; i++) {
    const name =
      commune.area === 'urban'
        ? `Tổ dân phố ${i + 1}`
        : numbered
          ? `Thôn ${i + 1}`
          : `Thôn ${kinhPool[i % kinhPool.length] ?? i + 1}`;
    villages.push({ name: unique(name), minority: false });
  }
  return villages;
}

/** The communes' profiles, with their households allocated, and the calibrated propensities. */
export interface ProvincePlan {
  profiles: CommuneProfile[];
  calibration: Calibration;
}

/**
 * Plans the province: draws every commune's profile from its own seeded stream, centres the
 * random parts within districts, allocates `households` over the communes and calibrates.
 */
export function planProvince(communes: readonly DemoCommune[], households: number, seed: number): ProvincePlan {
  const profiles = communes.map((commune) => draftProfile(commune, seed));
  centreWithinDistricts(profiles);
  allocateHouseholds(profiles, households);
  return { profiles, calibration: calibrate(profiles) };
}
