/**
 * Pure helpers of the units page: the tree built from the flat list the API returns, its counts,
 * and a search that ignores Vietnamese diacritics and case.
 */
import type { Unit } from '../../api';

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
  /** Number of district-level and commune-level units below this node. */
  districtCount: number;
  communeCount: number;
  /** Commune-level units below this node by type key (`ward`, `commune`, `township`). */
  communeTypes: Map<UnitTypeKey, number>;
}

export type UnitTypeKey = 'province' | 'city' | 'town' | 'district' | 'ward' | 'commune' | 'township';

const typeKeys: Record<string, UnitTypeKey> = {
  tinh: 'province',
  'thanh pho': 'city',
  'thi xa': 'town',
  huyen: 'district',
  phuong: 'ward',
  xa: 'commune',
  'thi tran': 'township',
};

/** The catalog key of a Vietnamese unit type (`Thị trấn` → `township`); null for a type we do not know. */
export function unitTypeKey(type: string): UnitTypeKey | null {
  return typeKeys[foldText(type)] ?? null;
}

const levelOrder = { province: 0, district: 1, commune: 2 } as const;
const typeOrder: Record<UnitTypeKey, number> = {
  province: 0,
  city: 1,
  town: 2,
  district: 3,
  ward: 4,
  township: 5,
  commune: 6,
};

/** Official order: by level, then cities before towns before districts, wards before communes, then code. */
function compareUnits(a: Unit, b: Unit): number {
  const byLevel = levelOrder[a.level] - levelOrder[b.level];
  if (byLevel !== 0) return byLevel;
  const typeA = unitTypeKey(a.type);
  const typeB = unitTypeKey(b.type);
  const byType = (typeA ? typeOrder[typeA] : 9) - (typeB ? typeOrder[typeB] : 9);
  if (byType !== 0) return byType;
  return a.code.localeCompare(b.code, 'en', { numeric: true });
}

/**
 * Builds the forest of units valid on one date. Units whose parent is not in the list (should not
 * happen for a consistent date) become roots, so nothing the server sent is hidden.
 */
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const unit of [...units].sort(compareUnits)) {
    nodes.set(unit.code, { unit, children: [], districtCount: 0, communeCount: 0, communeTypes: new Map() });
  }
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentCode ? nodes.get(node.unit.parentCode) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  for (const root of roots) countBelow(root);
  return roots;
}

function countBelow(node: UnitNode): void {
  for (const child of node.children) {
    countBelow(child);
    node.districtCount += child.districtCount + (child.unit.level === 'district' ? 1 : 0);
    node.communeCount += child.communeCount + (child.unit.level === 'commune' ? 1 : 0);
    for (const [type, count] of child.communeTypes) {
      node.communeTypes.set(type, (node.communeTypes.get(type) ?? 0) + count);
    }
    const childType = unitTypeKey(child.unit.type);
    if (child.unit.level === 'commune' && childType) {
      node.communeTypes.set(childType, (node.communeTypes.get(childType) ?? 0) + 1);
    }
  }
}

/** Commune types in a fixed order (wards, townships, communes) with their counts. */
export function communeTypeCounts(node: UnitNode): Array<[UnitTypeKey, number]> {
  return [...node.communeTypes.entries()].sort(([a], [b]) => typeOrder[a] - typeOrder[b]);
}

/** Lower case, without diacritics (đ → d), apostrophes dropped, runs of spaces made one. */
export function foldText(text: string): string {
  return foldWithMap(text).folded;
}

/**
 * Folds text character by character and remembers where each folded character came from, so a
 * match in the folded text can be highlighted in the original.
 */
function foldWithMap(text: string): { folded: string; sourceStart: number[]; sourceEnd: number[] } {
  let folded = '';
  const sourceStart: number[] = [];
  const sourceEnd: number[] = [];
  let index = 0;
  for (const char of text) {
    let base = char
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/['’‘`]/g, '');
    if (/\s/.test(base)) base = folded.endsWith(' ') || folded === '' ? '' : ' ';
    for (const piece of base) {
      folded += piece;
      sourceStart.push(index);
      sourceEnd.push(index + char.length);
    }
    index += char.length;
  }
  if (folded.endsWith(' ')) {
    folded = folded.slice(0, -1);
    sourceStart.pop();
    sourceEnd.pop();
  }
  return { folded, sourceStart, sourceEnd };
}

/**
 * Where `query` occurs in `text` ignoring diacritics, case and apostrophes, as a range of `text`
 * to highlight; null when it does not occur that way. `text` should be NFC, as the API sends it.
 */
export function highlightRange(text: string, query: string): { start: number; end: number } | null {
  const needle = foldText(query);
  if (needle === '') return null;
  const { folded, sourceStart, sourceEnd } = foldWithMap(text);
  const at = folded.indexOf(needle);
  if (at < 0) return null;
  return { start: sourceStart[at] ?? 0, end: sourceEnd[at + needle.length - 1] ?? text.length };
}

/** Whether `query` occurs in `text` ignoring diacritics, case, apostrophes and spaces. */
export function textMatches(text: string, query: string): boolean {
  const needle = foldText(query).replaceAll(' ', '');
  // Spellings of the same place vary in spacing (K' Dang / KDang), so spaces do not count.
  return needle !== '' && foldText(text).replaceAll(' ', '').includes(needle);
}

/** A unit matches by name (diacritics-insensitive) or by the beginning of its code. */
export function unitMatches(unit: Unit, query: string): boolean {
  const trimmed = query.trim();
  if (trimmed === '') return false;
  if (/^\d+$/.test(trimmed)) return unit.code.startsWith(trimmed);
  return textMatches(unit.name, trimmed);
}

export interface FilterResult {
  /** Codes of the units to show: the matches, their ancestors and everything below a match. */
  visible: Set<string>;
  /** Codes of the units to open because a match lies below them. */
  open: Set<string>;
  matchCount: number;
}

/** Which nodes to show and open for a search; everything when the query is blank. */
export function filterTree(roots: UnitNode[], query: string): FilterResult | null {
  if (query.trim() === '') return null;
  const result: FilterResult = { visible: new Set(), open: new Set(), matchCount: 0 };

  const showAll = (node: UnitNode): void => {
    result.visible.add(node.unit.code);
    node.children.forEach(showAll);
  };
  const visit = (node: UnitNode): boolean => {
    const matches = unitMatches(node.unit, query);
    if (matches) result.matchCount += 1;
    let below = false;
    for (const child of node.children) below = visit(child) || below;
    if (matches) showAll(node);
    if (below) {
      result.visible.add(node.unit.code);
      result.open.add(node.unit.code);
    }
    return matches || below;
  };
  roots.forEach(visit);
  return result;
}
