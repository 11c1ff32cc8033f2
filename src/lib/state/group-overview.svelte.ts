import { groupView, type GroupView, type Pool } from '$lib/domain/index.ts';
import type { GroupWorkspace } from './group-workspace.svelte.ts';
import { seatTimeline, type SeatPoint } from './seat-timeline.ts';

/** One pool of one product on the dashboard. */
export interface SeatRow {
	product: string;
	name: string;
	pool: Pool;
	/** Seats in the pool (purchased, split into standard and floating). */
	size: number;
	/** In use, as decided by the authority. */
	used: number;
	/** Of `used`: held by people who have not registered yet (U1). */
	awaiting: number;
	/** Unallocated: bought and given to nobody (U2: recalled seats wait here). */
	free: number;
	/** What my pending intents change (+2: two seats given, −1: one recalled), not yet decided. */
	pending: number;
	/** P12: users beyond the coverage, billed by consumption. */
	over: number;
}

/**
 * The group dashboard's figures: seats per product and pool as DECIDED, with my pending changes
 * beside them (never mixed in), and seat use over time for the chart.
 */
export class GroupOverview {
	readonly #workspace: GroupWorkspace;

	readonly #decidedView = $derived.by((): GroupView | undefined => {
		const workspace = this.#workspace;
		const state = workspace.decided;
		const policy = workspace.policy;
		if (!state || !policy) return undefined;
		const payloads = workspace.ledger.verified.map((event) => event.payload);
		const result = groupView(state, payloads, policy, Date.now());
		return result.ok ? result.value : undefined;
	});

	readonly #rows = $derived.by((): SeatRow[] => {
		const decided = this.#decidedView;
		const preview = this.#workspace.view;
		if (!decided) return [];
		return decided.products.flatMap((product) =>
			product.pools.map((pool) => {
				const previewed = preview?.products
					.find((p) => p.product === product.product)
					?.pools.find((p) => p.pool === pool.pool);
				return {
					product: product.product,
					name: product.name,
					pool: pool.pool,
					size: pool.size,
					used: pool.used,
					awaiting: pool.pending,
					free: pool.free,
					pending: (previewed?.used ?? pool.used) - pool.used,
					over: pool.over
				};
			})
		);
	});

	#chartProduct = $state<string | undefined>();

	readonly #timeline = $derived.by((): SeatPoint[] => {
		const workspace = this.#workspace;
		const state = workspace.decided;
		const policy = workspace.policy;
		const product = this.chartProduct;
		const view = this.#decidedView;
		if (!state || !policy || !product || !view) return [];
		const pools = view.products.find((p) => p.product === product)?.pools ?? [];
		return seatTimeline({
			state,
			history: workspace.history,
			ledger: workspace.ledger.verified.map((event) => event.payload),
			policy,
			product,
			assignedNow: pools.reduce((sum, pool) => sum + pool.used, 0),
			now: Date.now()
		});
	});

	constructor(workspace: GroupWorkspace) {
		this.#workspace = workspace;
	}

	/** The group view of the decided state (no pending intents). */
	get decided(): GroupView | undefined {
		return this.#decidedView;
	}

	/** Seats per product and pool. */
	get rows(): SeatRow[] {
		return this.#rows;
	}

	/** The product the chart shows: the admin's choice, else the first one with seats bought. */
	get chartProduct(): string | undefined {
		const products = this.#decidedView?.products ?? [];
		return this.#chartProduct ?? (products.find((p) => p.purchased > 0) ?? products[0])?.product;
	}
	set chartProduct(value: string | undefined) {
		this.#chartProduct = value;
	}

	/** Purchased and assigned seats of the chart's product over time. */
	get timeline(): SeatPoint[] {
		return this.#timeline;
	}
}
