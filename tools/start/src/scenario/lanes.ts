/**
 * Runs `work` for every item, one lane per key: items of one lane in their order (the matching
 * engine serves a commodity's inputs in arrival order, so that order is part of the scenario),
 * lanes side by side. Results come back in the items' order.
 */
export async function inLanes<T, R>(
  items: readonly T[],
  keyOf: (item: T) => string,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const lanes = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    lanes.set(key, [...(lanes.get(key) ?? []), index]);
  });
  const results: R[] = new Array(items.length);
  await Promise.all(
    [...lanes.values()].map(async (indexes) => {
      for (const index of indexes) results[index] = await work(items[index]);
    }),
  );
  return results;
}

/** `work` for every item with at most `limit` calls in flight; results in the items' order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
