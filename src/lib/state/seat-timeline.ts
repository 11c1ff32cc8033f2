import type { GroupState, HistoryEntry, Policy } from '$lib/domain/index.ts';

/** Seats of one product at one instant: bought, and given to someone. */
export interface SeatPoint {
	at: number;
	purchased: number;
	assigned: number;
}

/** What the timeline is drawn from. */
export interface TimelineInput {
	state: GroupState;
	history: readonly HistoryEntry[];
	/** Verified ledger payloads (orders, reductions, renewals). */
	ledger: readonly unknown[];
	policy: Policy;
	product: string;
	/** Seats of the product in use now (the group view's count). */
	assignedNow: number;
	now: number;
}

type Payload = Record<string, unknown>;

/** The shortest time the chart spans. */
const minSpan = 14 * 24 * 60 * 60 * 1000;

/** Purchased totals over time from the signed ledger: orders, reductions and renewals. */
function purchases(ledger: readonly unknown[], product: string): { at: number; total: number }[] {
	const out: { at: number; total: number }[] = [];
	for (const raw of ledger) {
		if (typeof raw !== 'object' || raw === null) continue;
		const event = raw as Payload;
		const at = typeof event.at === 'number' ? event.at : undefined;
		if (at === undefined) continue;
		let total: unknown;
		if (event.type === 'order.placed' && event.kind === 'seats' && event.ref === product)
			total = event.newTotal;
		else if (event.type === 'seats.reduced' && event.product === product) total = event.to;
		else if (event.type === 'subscription.renewed')
			total = (event.seats as Record<string, unknown> | undefined)?.[product];
		if (typeof total === 'number') out.push({ at, total });
	}
	return out.sort((a, b) => a.at - b.at);
}

/**
 * How one history entry changed the product's assigned seats (forward). `groups` tracks each
 * member's rights group as the walk goes back in time (U3: only consuming groups use a seat).
 */
function deltaOf(
	entry: HistoryEntry,
	input: TimelineInput,
	groups: Map<string, string | null>,
	consumes: (group: string | null | undefined) => boolean
): number {
	const { policy, product, state } = input;
	const p = entry.params;
	const subject = entry.subject ?? '';
	switch (policy.licenseModel.kind) {
		case 'named':
			if (p.product !== product) return 0;
			return entry.kind === 'license.assigned' ? 1 : entry.kind === 'license.recalled' ? -1 : 0;
		case 'module-access':
			if (entry.kind !== 'module-access.changed' || p.module !== product) return 0;
			return p.access === true ? 1 : -1;
		case 'device': {
			if (state.devices[subject]?.product !== product) return 0;
			if (entry.kind === 'device.activated') return p.pool === null ? 0 : 1;
			return entry.kind === 'device.license-released' ? -1 : 0;
		}
		case 'rights-group': {
			if (policy.licenseModel.product !== product) return 0;
			if (entry.kind === 'rights-group.changed') {
				const from = typeof p.from === 'string' ? p.from : null;
				const to = typeof p.to === 'string' ? p.to : null;
				groups.set(subject, from);
				return Number(consumes(to)) - Number(consumes(from));
			}
			const joined = ['member.added', 'member.invited', 'member.linked'].includes(entry.kind);
			return joined && consumes(groups.get(subject)) ? 1 : 0;
		}
	}
}

/**
 * Assigned seats after each history entry that changed them, oldest first, found by walking the
 * history back from today's count; and the count before the first of them.
 */
function assignments(input: TimelineInput): {
	steps: { at: number; value: number }[];
	initial: number;
} {
	const model = input.policy.licenseModel;
	const consuming = new Set(
		model.kind === 'rights-group' ? model.groups.filter((g) => g.consumesSeat).map((g) => g.id) : []
	);
	const consumes = (group: string | null | undefined) => group != null && consuming.has(group);
	const groups = new Map<string, string | null>();
	for (const member of Object.values(model.kind === 'rights-group' ? input.state.members : {}))
		groups.set(member.id, member.rightsGroup);
	const steps: { at: number; value: number }[] = [];
	let value = input.assignedNow;
	for (let i = input.history.length - 1; i >= 0; i--) {
		const entry = input.history[i];
		if (entry === undefined) continue;
		const delta = deltaOf(entry, input, groups, consumes);
		if (delta === 0) continue;
		steps.push({ at: entry.at, value });
		value -= delta;
	}
	return { steps: steps.reverse(), initial: Math.max(value, 0) };
}

/**
 * Purchased and assigned seats of a product over time, as steps: purchases from the ledger,
 * assignments by walking the history back from today's count (so a history that starts late
 * still ends on the true number). At least the last two weeks, so that a young group's first
 * purchase reads as a step; at most `maxPoints` points, the last of each time bucket.
 */
export function seatTimeline(input: TimelineInput, maxPoints = 120): SeatPoint[] {
	const { steps, initial } = assignments(input);
	const bought = purchases(input.ledger, input.product);
	const times = [...new Set([...steps.map((a) => a.at), ...bought.map((b) => b.at)])].sort(
		(a, b) => a - b
	);
	const first = times[0];
	if (first === undefined) return [];
	const points: SeatPoint[] = [];
	const start = Math.min(first, input.now - minSpan);
	if (start < first) points.push({ at: start, purchased: 0, assigned: initial });
	let purchased = 0;
	let used = initial;
	let b = 0;
	let a = 0;
	for (const at of times) {
		for (; b < bought.length && (bought[b]?.at ?? Infinity) <= at; b++)
			purchased = bought[b]?.total ?? 0;
		for (; a < steps.length && (steps[a]?.at ?? Infinity) <= at; a++) used = steps[a]?.value ?? 0;
		points.push({ at, purchased, assigned: used });
	}
	points.push({ at: Math.max(input.now, times.at(-1) ?? first), purchased, assigned: used });
	return thin(points, maxPoints);
}

/** Keeps the last point of each of `max` equal time buckets (the first point is kept too). */
function thin(points: SeatPoint[], max: number): SeatPoint[] {
	if (points.length <= max) return points;
	const start = points[0]?.at ?? 0;
	const span = (points.at(-1)?.at ?? start) - start || 1;
	const buckets = new Map<number, SeatPoint>();
	for (const point of points)
		buckets.set(Math.floor(((point.at - start) / span) * (max - 2)), point);
	const first = points[0];
	return [...(first ? [first] : []), ...buckets.values()];
}
