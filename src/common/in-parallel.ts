/** Runs `task(0…count-1)` with at most `parallel` at a time. */
export async function inParallel(
  count: number,
  parallel: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, lane));
}
