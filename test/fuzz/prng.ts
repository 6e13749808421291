/** A small seeded PRNG (mulberry32): the same seed gives the same requests, so a failure reproduces. */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from nothing");
    return items[this.int(0, items.length - 1)]!;
  }

  /** A string of `length` characters drawn from `alphabet` (code points, so astral characters stay whole). */
  string(length: number, alphabet: string): string {
    const chars = [...alphabet];
    let out = "";
    for (let i = 0; i < length; i++) out += this.pick(chars);
    return out;
  }
}
