/**
 * Domain benchmark: the time of a quote and of the group view for 100,000 members (the two
 * targets of the domain issue), plus the decisions the browser runs on pending intents.
 *
 * Run: `npx node bench/domain.ts` (prints the JSON array). A later `npm run bench` runner can
 * `import { benchDomain } from './domain.ts'`.
 *
 * Each measurement is the median of several runs, after warm-up runs that are not counted. The
 * group view is computed from scratch on every run (it caches nothing), so its time is the cold
 * cost of a render.
 */

import {
	createGroup,
	decideIntent,
	decideIntents,
	groupView,
	instantOfDate,
	placeOrder,
	presets,
	quote,
	recordClaSigned
} from '../src/lib/domain/index.ts';
import type {
	Device,
	GroupState,
	Intent,
	LedgerPayload,
	Member,
	Policy
} from '../src/lib/domain/index.ts';

/** One measurement, as the bench runner prints it. */
export interface BenchResult {
	name: string;
	unit: 'ms';
	median: number;
	p99?: number;
	runs: number;
	/** The budget in the same unit; `met` says whether the median is within it. */
	target: number;
	met: boolean;
}

const owner = {
	userId: 'owner-1',
	roles: ['owner' as const, 'billable' as const],
	passwordConfirmed: true
};
const operator = { userId: 'vendor-desk', roles: [], operator: true };
const day = instantOfDate('2026-01-02') + 12 * 3_600_000;

/** A preset by id (the bench fails loudly if one did not parse). */
function preset(id: string): Policy {
	const policy = presets[id];
	if (policy === undefined) throw new Error(`preset ${id} did not parse`);
	return policy;
}

/** `count` members; 90 % hold the product's license, 5 % of those are awaiting registration. */
function members(count: number, product: string): Record<string, Member> {
	const record: Record<string, Member> = {};
	for (let i = 0; i < count; i += 1) {
		const id = `user-${i.toString(36)}-${(i * 7919).toString(36)}`;
		record[id] = {
			id,
			email: `${id}@acme.example`,
			name: `User ${i}`,
			status: i % 20 === 0 ? 'awaiting-registration' : 'active',
			roles: i < 5 ? ['admin'] : [],
			licenseAdmin: null,
			licenses: i % 10 === 9 ? [] : [product],
			rightsGroup: null,
			modules: [],
			permissions: [],
			createdAt: day
		};
	}
	return record;
}

/** A group of a preset that bought `seats` seats, with its ledger. */
function bought(policy: Policy, seats: number): { state: GroupState; ledger: LedgerPayload[] } {
	const created = createGroup(
		policy,
		{ groupId: 'bench', owner: { id: 'owner-1', email: 'licenses@acme.example', name: 'Owner' } },
		day
	);
	if (!created.ok) throw new Error(created.error.code);
	const signed = recordClaSigned(created.value.state, policy, operator, day);
	if (!signed.ok) throw new Error(signed.error.code);
	const order = placeOrder(
		signed.value.state,
		policy,
		{ kind: 'set-seats', product: policy.products[0]?.id ?? '', newTotal: seats },
		owner,
		day
	);
	if (!order.ok) throw new Error(order.error.code);
	return { state: order.value.state, ledger: order.value.events };
}

/** A named-license group with `count` members (license-groups preset). */
function namedGroup(count: number): { state: GroupState; ledger: LedgerPayload[]; policy: Policy } {
	const policy = preset('license-groups');
	const { state, ledger } = bought(policy, count);
	return {
		state: { ...state, members: { ...state.members, ...members(count, 'designer') } },
		ledger,
		policy
	};
}

/** An enterprise group with `count` devices (half standard, half floating). */
function deviceGroup(count: number): {
	state: GroupState;
	ledger: LedgerPayload[];
	policy: Policy;
} {
	const policy = preset('enterprise-devices');
	const { state, ledger } = bought(policy, count);
	const devices: Record<string, Device> = {};
	for (let i = 0; i < count; i += 1) {
		const code = `DEV-${i}`;
		devices[code] = {
			code,
			fingerprint: `fp-${i}`,
			product: 'counter',
			memberId: 'owner-1',
			pool: i % 2 === 0 ? 'standard' : 'floating',
			firstSeenAt: day,
			lastSeenAt: day + i
		};
	}
	const holdings = { counter: { seats: count, floating: count / 2, pendingSeats: null } };
	return { state: { ...state, devices, holdings }, ledger, policy };
}

/** The value at quantile `q` of sorted numbers. */
function quantile(sorted: readonly number[], q: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Summarises run times (ms) as a result. */
function summarise(name: string, target: number, times: number[]): BenchResult {
	const sorted = [...times].sort((a, b) => a - b);
	const median = quantile(sorted, 0.5);
	const round = (n: number) => Math.round(n * 10_000) / 10_000;
	return {
		name,
		unit: 'ms',
		median: round(median),
		p99: round(quantile(sorted, 0.99)),
		runs: times.length,
		target,
		met: median <= target
	};
}

/**
 * Times `body` once per input after `warmup` uncounted inputs; each run's time is divided by
 * `inner` calls (for calls too fast to time one by one).
 */
async function measure<T>(
	name: string,
	target: number,
	inputs: readonly T[],
	body: (input: T) => void,
	inner = 1,
	warmup = 3
): Promise<BenchResult> {
	const times: number[] = [];
	for (const [run, input] of inputs.entries()) {
		const start = performance.now();
		for (let i = 0; i < inner; i += 1) body(input);
		if (run >= warmup) times.push((performance.now() - start) / inner);
		await new Promise((resolve) => setTimeout(resolve, 0));
	}
	return summarise(name, target, times);
}

/** `count` copies of a state whose records are new objects, so no cached pass applies. */
function coldCopies(state: GroupState, count: number): GroupState[] {
	return Array.from({ length: count }, () => ({
		...state,
		members: { ...state.members },
		devices: { ...state.devices }
	}));
}

/** Fails the bench when a measured call returned a refusal (it would time the wrong path). */
function must<T extends { ok: boolean }>(result: T): T {
	if (!result.ok) throw new Error(`bench call refused: ${JSON.stringify(result)}`);
	return result;
}

/** Assign intents for members without a license. */
function assignIntents(state: GroupState, count: number): Intent[] {
	const free = Object.values(state.members)
		.filter((m) => m.licenses.length === 0)
		.slice(0, count);
	return free.map((m, i) => ({
		id: `bench-${i}`,
		kind: 'assign-license',
		author: 'owner-1',
		createdAt: day,
		product: 'designer',
		target: { by: 'member', memberId: m.id }
	}));
}

/** The same value `count` times (inputs for a measurement without per-run set-up). */
function times<T>(value: T, count: number): T[] {
	return Array.from({ length: count }, () => value);
}

/** The 100,000-member and 100,000-device groups, JSON round-tripped as from storage or Yjs. */
function fixtures() {
	const named = namedGroup(100_000);
	const holdings = { designer: { seats: 200_000, floating: 0, pendingSeats: null } };
	const state = JSON.parse(JSON.stringify({ ...named.state, holdings })) as GroupState;
	const devices = deviceGroup(100_000);
	const deviceState = JSON.parse(JSON.stringify(devices.state)) as GroupState;
	return { named: { ...named, state }, devices: { ...devices, state: deviceState } };
}

/**
 * Measures the domain: a quote (< 0.1 ms); the group view for 100,000 members and for 100,000
 * devices, cold (< 50 ms) and after pending intents (carried over from the cached pass); one
 * decision and a batch of 10 pending intents on 100,000 members (budgets of our own: a browser
 * applies pending intents on every change); one decision as the server makes it, in place (the
 * budget is issue 9's decision latency).
 */
export async function benchDomain(): Promise<BenchResult[]> {
	const { named, devices } = fixtures();
	const { state, policy, ledger } = named;
	const later = day + 86_400_000;
	const request = { kind: 'set-seats' as const, product: 'designer', newTotal: 200_005 };
	must(quote(state, policy, request, later));
	must(groupView(state, ledger, policy, later));
	const pending = assignIntents(state, 10);
	const one = pending[0];
	if (one === undefined) throw new Error('no member without a license');
	const previews = Array.from(
		{ length: 18 },
		() => decideIntents(state, pending, policy, later).state
	);
	const view = (s: GroupState) => groupView(s, ledger, policy, later);
	// The server's way: one state it owns, each decision written into it (DecideOptions.inPlace).
	let owned = coldCopies(state, 1)[0] ?? state;
	const decideOwned = (intent: Intent) => {
		owned = decideIntents(owned, [intent], policy, later, { inPlace: true }).state;
	};
	return [
		await measure(
			'domain.quote',
			0.1,
			times(state, 28),
			(s) => quote(s, policy, request, later),
			1_000
		),
		await measure('domain.group-view.100k-members', 50, coldCopies(state, 18), view),
		await measure('domain.group-view.100k-members.with-pending-intents', 50, previews, view),
		await measure('domain.group-view.100k-devices', 50, coldCopies(devices.state, 18), (s) =>
			groupView(s, devices.ledger, devices.policy, later)
		),
		await measure('domain.decide-intent.100k-members', 100, times(state, 18), (s) =>
			decideIntent(s, one, policy, later)
		),
		await measure('domain.decide-intents.10-pending.100k-members', 150, times(state, 18), (s) =>
			decideIntents(s, pending, policy, later)
		),
		await measure(
			'domain.decide-intent.100k-members.in-place',
			20,
			assignIntents(state, 28),
			decideOwned
		)
	];
}

if (import.meta.main) {
	console.log(JSON.stringify(await benchDomain(), null, 2));
}
