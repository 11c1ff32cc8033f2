import {
	groupView,
	placeOrder,
	type DomainError,
	type GroupState,
	type GroupView,
	type Policy,
	type Quote,
	type QuoteRequestInput,
	type Result
} from '$lib/domain/index.ts';

/**
 * What-if: a purchase, a pack, a renewal with another support level, auto-renewal switched —
 * computed by the domain on a copy of the decided state, side by side with today. Nothing is
 * proposed or sent: these are pure functions of (state, policy, scenario, now).
 */
export interface WhatIfScenario {
	/** A new seat total for a product (P3, P4); `null`: no purchase. */
	seats: { product: string; newTotal: number } | null;
	/** Packs to add (P11); `null`: none. */
	pack: { pack: string; count: number } | null;
	/** The support level at the renewal (P9); `undefined`: unchanged, `null`: no support. */
	support: string | null | undefined;
	/** Auto-renewal (P10); `null`: unchanged. */
	autoRenew: boolean | null;
}

/** The figures compared side by side. */
export interface WhatIfSnapshot {
	seats: { product: string; name: string; total: number; atRenewal: number | null }[];
	packs: { pack: string; count: number }[];
	expiry: string | null;
	autoRenew: boolean;
	/** The support level the next renewal will have. */
	support: string | null;
	/** The price of the next renewal whether or not it happens automatically. */
	renewal: { on: string; amount: number } | null;
	nextInvoice: GroupView['nextInvoice'];
	/** What the scenario's purchases charge now (0 today). */
	chargedNow: number;
	/** Unpaid invoices, including the ones the purchases would issue. */
	outstanding: number;
}

/** The comparison, the quotes of the purchases (with their formulas), or why it cannot be. */
export interface WhatIfResult {
	today: WhatIfSnapshot;
	after: WhatIfSnapshot | null;
	quotes: Quote[];
	error: DomainError | null;
}

/** A scenario that changes nothing. */
export const emptyScenario: WhatIfScenario = {
	seats: null,
	pack: null,
	support: undefined,
	autoRenew: null
};

/** The state with one subscription field changed. */
function withSubscription(
	state: GroupState,
	change: Partial<GroupState['subscription']>
): GroupState {
	return { ...state, subscription: { ...state.subscription, ...change } };
}

/** The figures of a state. */
function snapshot(state: GroupState, policy: Policy, now: number, charged: number): WhatIfSnapshot {
	const view = groupView(state, [], policy, now);
	// The renewal's price, as if it renewed by itself: the domain prices the next renewal only then.
	const renewing = groupView(withSubscription(state, { autoRenew: true }), [], policy, now);
	const next = renewing.ok ? renewing.value.nextInvoice : null;
	const sub = state.subscription;
	return {
		seats: policy.products.map((product) => ({
			product: product.id,
			name: product.name,
			total: state.holdings[product.id]?.seats ?? 0,
			atRenewal: state.holdings[product.id]?.pendingSeats ?? null
		})),
		packs: Object.entries(state.packs)
			.filter(([, count]) => count > 0)
			.map(([pack, count]) => ({ pack, count })),
		expiry: sub.expiry,
		autoRenew: sub.autoRenew,
		support: sub.pendingSupport === null ? sub.support : sub.pendingSupport.level,
		renewal: next?.reason === 'renewal' ? { on: next.on, amount: next.amount } : null,
		nextInvoice: view.ok ? view.value.nextInvoice : null,
		chargedNow: charged,
		outstanding: view.ok ? view.value.outstanding : 0
	};
}

/** The purchases a scenario makes, as the requests the owner would send. */
function purchases(state: GroupState, scenario: WhatIfScenario): QuoteRequestInput[] {
	const requests: QuoteRequestInput[] = [];
	const seats = scenario.seats;
	if (seats && seats.newTotal !== (state.holdings[seats.product]?.seats ?? 0)) {
		requests.push({ kind: 'set-seats', product: seats.product, newTotal: seats.newTotal });
	}
	if (scenario.pack && scenario.pack.count !== 0) {
		requests.push({ kind: 'add-pack', pack: scenario.pack.pack, count: scenario.pack.count });
	}
	return requests;
}

/** Places the purchases one after the other on a copy, as the owner with a confirmed password. */
function buy(
	state: GroupState,
	policy: Policy,
	requests: QuoteRequestInput[],
	userId: string,
	now: number
): Result<{ state: GroupState; quotes: Quote[] }> {
	const actor = { userId, roles: ['owner' as const], passwordConfirmed: true };
	let current = state;
	const quotes: Quote[] = [];
	for (const request of requests) {
		const placed = placeOrder(current, policy, request, actor, now);
		if (!placed.ok) return placed;
		current = placed.value.state;
		quotes.push(placed.value.quote);
	}
	return { ok: true, value: { state: current, quotes } };
}

/** Today beside the scenario, computed by the domain; nothing is committed. */
export function simulate(
	state: GroupState,
	policy: Policy,
	scenario: WhatIfScenario,
	userId: string,
	now: number
): WhatIfResult {
	const today = snapshot(state, policy, now, 0);
	const bought = buy(state, policy, purchases(state, scenario), userId, now);
	if (!bought.ok) return { today, after: null, quotes: [], error: bought.error };
	let after = bought.value.state;
	if (scenario.support !== undefined && policy.support !== null) {
		after = withSubscription(after, { pendingSupport: { level: scenario.support } });
	}
	if (scenario.autoRenew !== null)
		after = withSubscription(after, { autoRenew: scenario.autoRenew });
	const charged = bought.value.quotes.reduce((sum, q) => sum + q.total, 0);
	return {
		today,
		after: snapshot(after, policy, now, charged),
		quotes: bought.value.quotes,
		error: null
	};
}
