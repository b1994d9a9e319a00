/**
 * A small seeded pseudo-random source for the synthetic demo province. It never touches
 * `Math.random` or the clock, so the same seed always yields the same province.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state,
 * used by PractRand), seeded through splitmix32 so that nearby seeds give unrelated streams.
 */

/** splitmix32 step: a well-mixed 32-bit value from a 32-bit state. */
function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** FNV-1a hash of a string, to derive independent streams from names such as commune codes. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A deterministic random stream with the draws the demo generator needs. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * @param seed any 32-bit integer (other numbers are truncated to 32 bits)
   * @param stream an optional second key, e.g. `hashString(communeCode)`, for an independent stream
   */
  constructor(seed: number, stream = 0) {
    const base = (seed ^ Math.imul(stream, 0x85ebca6b)) | 0;
    this.a = splitmix32(base);
    this.b = splitmix32(base + 1);
    this.c = splitmix32(base + 2);
    this.d = splitmix32(base + 3);
    // sfc32 mixes poorly during its first outputs; discard them.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal draw (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** One value of a weighted table; weights need not sum to 1. */
  weighted<T>(table: WeightedTable<T>): T {
    // Index loops: iterator destructuring here costs more than the rest of a household.
    let total = 0;
    for (let i = 0; i < table.length; i++) total += (table[i] as readonly [T, number])[1];
    let target = this.next() * total;
    for (let i = 0; i < table.length; i++) {
      const entry = table[i] as readonly [T, number];
      target -= entry[1];
      if (target < 0) return entry[0];
    }
    const last = table[table.length - 1];
    if (last === undefined) throw new RangeError('weighted draw from an empty table');
    return last[0];
  }

  /** A uniformly shuffled copy (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const swap = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = swap;
    }
    return copy;
  }
}

/** `[value, weight]` pairs for {@link Random.weighted}. */
export type WeightedTable<T> = ReadonlyArray<readonly [T, number]>;
