import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { placeOrderOnce } from '../../../server/authority/order-placement.ts';
import { summarize, type LatencySummary } from '../../lib/stats.ts';
import { benchProduct, createGroups, startInProcess } from './authority-fixture.ts';

/** One measured run of the in-process order path. */
export interface OrderRun {
	orders: number;
	seconds: number;
	ordersPerSecond: number;
	/** CPU time of this process per order (the authority, plus a negligible driver). */
	cpuMsPerOrder: number;
	/** From the call to the committed answer, per order. */
	latencyMs: LatencySummary;
	refused: number;
	serverErrors: number;
	loadAverage: number;
}

const owner = { id: 'bench-owner', email: 'owner@bench.example', name: 'Bench Owner' };

/**
 * Orders through the authority exactly as `POST /api/groups/:id/orders` places them once the
 * password is confirmed (`placeOrderOnce`: idempotency key, `engine.run`, the domain's
 * `placeOrder`, Ed25519-signed ledger events and license key, one synchronous=FULL SQLite
 * commit with the answer, then the authority document's mirror) on a fresh data directory.
 * Every group orders one seat more at a time, `ordersPerGroup` times; all groups at once.
 */
export async function runOrders(
	groups: number,
	ordersPerGroup: number,
	loadAverage: () => number
): Promise<OrderRun> {
	const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-orders-'));
	let tessera;
	try {
		tessera = await startInProcess(dataDir);
		const { accounts } = tessera.storage;
		await accounts.createVendor({ id: 'bench-vendor', name: 'Bench vendor' });
		await accounts.createUser({
			...owner,
			passwordHash: null,
			language: 'en',
			vendorRole: null,
			createdAt: Date.now()
		});
		const ids = Array.from({ length: groups }, (_, index) => `orders-${index}`);
		await createGroups(tessera, { ids, vendorId: 'bench-vendor', owner, admins: [], seats: 0 });
		const deps = {
			engine: tessera.server.engine,
			store: tessera.storage.authority,
			signer: tessera.server.signer
		};
		const latencies: number[] = [];
		let refused = 0;
		const orderSeats = async (groupId: string) => {
			for (let total = 1; total <= ordersPerGroup; total++) {
				const began = performance.now();
				const answer = await placeOrderOnce(deps, {
					groupId,
					userId: owner.id,
					key: randomUUID(),
					request: {
						kind: 'set-seats',
						product: benchProduct,
						newTotal: total,
						term: 'monthly',
						support: null
					}
				});
				latencies.push(performance.now() - began);
				if (answer.kind === 'refused') refused++;
			}
		};
		const cpuBefore = process.cpuUsage();
		const began = performance.now();
		await Promise.all(ids.map(orderSeats));
		const seconds = (performance.now() - began) / 1000;
		const cpu = process.cpuUsage(cpuBefore);
		const orders = groups * ordersPerGroup;
		return {
			orders,
			seconds,
			ordersPerSecond: (orders - refused) / seconds,
			cpuMsPerOrder: (cpu.user + cpu.system) / 1000 / orders,
			latencyMs: summarize(latencies),
			refused,
			serverErrors: tessera.errors.length,
			loadAverage: loadAverage()
		};
	} finally {
		await tessera?.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}
