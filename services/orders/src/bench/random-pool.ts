/**
 * Items keyed by id with O(1) add, remove and random pick, for choosing what an operation acts
 * on. When full, a random item makes room: what is kept is a sample of the recent ones.
 */
export class Pool<T> {
  private readonly items: T[] = [];
  private readonly at = new Map<string, number>();

  constructor(
    private readonly key: (item: T) => string,
    private readonly capacity = Number.POSITIVE_INFINITY,
  ) {}

  add(item: T, random: () => number): void {
    if (this.at.has(this.key(item))) return;
    if (this.items.length >= this.capacity) this.remove(this.key(this.pick(random) as T));
    this.at.set(this.key(item), this.items.length);
    this.items.push(item);
  }

  remove(id: string): void {
    const index = this.at.get(id);
    if (index === undefined) return;
    const last = this.items.pop() as T;
    this.at.delete(id);
    if (index < this.items.length) {
      this.items[index] = last;
      this.at.set(this.key(last), index);
    }
  }

  pick(random: () => number): T | undefined {
    return this.items[Math.floor(random() * this.items.length)];
  }
}
