import { randomUUID } from 'node:crypto';
import { benchPassword } from '../../servers/tessera-data.ts';
import { summarize, type LatencySummary } from '../../lib/stats.ts';
import { benchProduct } from './authority-fixture.ts';
import { smallGroupId, smallGroupSeats } from './intent-groups.ts';
import type { ServerSession } from './server-session.ts';

/** One measured run of `POST /api/groups/:id/orders`. */
export interface HttpOrderRun {
	orders: number;
	accepted: number;
	seconds: number;
	ordersPerSecond: number;
	latencyMs: LatencySummary;
	/** Status codes of the answers that were not 201, with how often. */
	failures: Record<string, number>;
}

/**
 * Orders over HTTP as the owner's browser places them: session cookie, `Idempotency-Key`, and
 * the owner's password in the body (P3), which the server checks with scrypt at the production
 * cost before anything else. `concurrency` owners' tabs order at once, each in its own group.
 */
export async function runHttpOrders(
	session: ServerSession,
	orders: number,
	concurrency: number
): Promise<HttpOrderRun> {
	const latencies: number[] = [];
	const failures: Record<string, number> = {};
	let next = 0;
	const tab = async (lane: number) => {
		const groupId = smallGroupId(lane);
		let total = smallGroupSeats;
		while (next < orders) {
			next++;
			total++;
			const began = performance.now();
			const response = await fetch(`${session.url}/api/groups/${groupId}/orders`, {
				method: 'POST',
				headers: {
					...session.headers,
					'content-type': 'application/json',
					'idempotency-key': randomUUID()
				},
				body: JSON.stringify({
					request: { kind: 'set-seats', product: benchProduct, newTotal: total },
					password: benchPassword
				})
			});
			await response.arrayBuffer();
			latencies.push(performance.now() - began);
			if (response.status !== 201) {
				failures[response.status] = (failures[response.status] ?? 0) + 1;
			}
		}
	};
	const began = performance.now();
	await Promise.all(Array.from({ length: concurrency }, (_, lane) => tab(lane)));
	const seconds = (performance.now() - began) / 1000;
	const accepted = latencies.length - Object.values(failures).reduce((sum, n) => sum + n, 0);
	return {
		orders: latencies.length,
		accepted,
		seconds,
		ordersPerSecond: accepted / seconds,
		latencyMs: summarize(latencies),
		failures
	};
}
