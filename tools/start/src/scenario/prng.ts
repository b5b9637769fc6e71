/** A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = hashSeed(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Uniform in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** A multiple of `step` in [min, max] (both multiples of step, or rounded to one). */
  stepped(min: number, max: number, step: number): number {
    const steps = Math.floor((max - min) / step);
    return Math.round((min + step * Math.floor(this.next() * (steps + 1))) / step) * step;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A generator of its own, so that one part's draws never shift another's. */
  fork(label: string): Prng {
    let salt = Math.floor(this.next() * 4_294_967_296);
    for (const char of label) salt = Math.imul(salt ^ char.charCodeAt(0), 0x01000193) >>> 0;
    return new Prng(salt);
  }
}

/** Spreads a small or negative seed over 32 bits, so seeds 1 and 2 start far apart. */
function hashSeed(seed: number): number {
  let h = Math.trunc(seed) ^ 0x9e3779b9;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
