/** Options of a scheduled job's batched form. */
export interface BatchOptions {
  batchSize?: number;
  /** Aborts between two batches: the app is stopping. */
  signal?: AbortSignal;
}

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `step` (one transaction doing at most `limit` items of each kind in `limited`) until a
 * batch comes back short of the batch size in each of them, with the event loop free between
 * batches: a large backlog (a first run, a long downtime) never stalls requests or holds the
 * write lock long. Returns every count of `zero` summed over the batches.
 */
export async function inBatches<Run extends { [K in keyof Run]: number }>(
  step: (limit: number) => Run,
  zero: Run,
  limited: ReadonlyArray<keyof Run>,
  defaultBatchSize: number,
  options: BatchOptions = {},
): Promise<Run> {
  const batchSize = options.batchSize ?? defaultBatchSize;
  const total = { ...zero };
  const keys = Object.keys(zero) as (keyof Run)[];
  while (!options.signal?.aborted) {
    const run = step(batchSize);
    for (const key of keys) (total[key] as number) += run[key];
    if (limited.every((key) => run[key] < batchSize)) break;
    await yieldToRequests();
  }
  return total;
}
