/**
 * Runs `count` asynchronous openings with at most `concurrency` in flight, like a crowd of
 * browsers arriving over a short time rather than all in the same millisecond, and records how
 * long each took. The first failure stops the pool and is rethrown.
 */
export async function connectInPool<T>(
	count: number,
	concurrency: number,
	open: (index: number) => Promise<T>
): Promise<{ results: T[]; durationsMs: number[]; totalMs: number }> {
	const results = new Array<T>(count);
	const durationsMs = new Array<number>(count).fill(0);
	const startedAt = performance.now();
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const index = next++;
			const begin = performance.now();
			results[index] = await open(index);
			durationsMs[index] = performance.now() - begin;
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	return { results, durationsMs, totalMs: performance.now() - startedAt };
}
