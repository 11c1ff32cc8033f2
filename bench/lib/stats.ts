/** Small statistics helpers. Percentiles use the nearest-rank method, so p100 is the maximum. */

/** The median of some numbers (NaN for none). */
export function median(values: readonly number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const upper = sorted[middle] ?? NaN;
	return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? NaN) + upper) / 2;
}

/** The p-th percentile (0–100) by nearest rank of an already sorted array (NaN when empty). */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? NaN;
}

/** p50, p99 and max of a sample. */
export interface LatencySummary {
	count: number;
	p50: number;
	p99: number;
	max: number;
}

/** Summarises a sample (it is copied and sorted; the input is left alone). */
export function summarize(values: readonly number[]): LatencySummary {
	const sorted = Float64Array.from(values).sort();
	return {
		count: sorted.length,
		p50: percentileOfSorted(sorted, 50),
		p99: percentileOfSorted(sorted, 99),
		max: sorted.length > 0 ? (sorted[sorted.length - 1] ?? NaN) : NaN
	};
}
