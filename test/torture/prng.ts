/** A small seeded PRNG (mulberry32): a seed replays the same choices. */
export interface Rng {
  next(): number;
  int(maxExclusive: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A new generator derived from this one, for a part that draws independently (a proxy). */
  fork(): Rng;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0 || 0x9e3779b9;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (max) => Math.floor(next() * max),
    chance: (p) => next() < p,
    pick(items) {
      if (!items.length) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as never;
    },
    fork: () => createRng(Math.floor(next() * 2 ** 32)),
  };
  return rng;
}
