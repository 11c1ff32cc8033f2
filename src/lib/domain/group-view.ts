/**
 * The group view: ONE function from (state, verified ledger, policy, now) to everything a screen
 * shows — seats used / free / pending per product and pool, members, admins (G1), the billable
 * admin (G2, I3), subscription and expiry (P7, P10), lock state (I2), open invoices and the next
 * one, packs and quotas (P11), consumption (P12), and whether the ledger agrees.
 */

import { adminAddressWarnings } from './address-warnings.ts';
import { dateOfInstant, daysBetween, isInstant } from './calendar-dates.ts';
import type { PackKind, Pool } from './common-schema.ts';
import { packKinds } from './common-schema.ts';
import type { Warning } from './decision-schema.ts';
import type { Result } from './domain-result.ts';
import { fail, guard, ok } from './domain-result.ts';
import type { LedgerView, LockView, NextInvoiceView } from './group-view-billing.ts';
import { ledgerView, lockView, nextInvoice, unpaidInvoices } from './group-view-billing.ts';
import type { AdminEntry, MemberScan } from './group-view-scan.ts';
import { scanOf } from './group-view-scan.ts';
import { ensurePolicy } from './policy-parse.ts';
import type { Policy, Product } from './policy-schema.ts';
import {
	billsByConsumption,
	holdingOf,
	moduleCoverage,
	uncoveredOf,
	packUnits,
	poolCapacity
} from './seat-capacity.ts';
import { productUsage } from './seat-usage.ts';
import type { GroupState, Invoice, Subscription } from './state-schema.ts';

/** One pool of a product: its size and what is used, pending and free. */
export interface PoolView {
	pool: Pool;
	size: number;
	used: number;
	/** Of `used`: held by people awaiting registration (U1). */
	pending: number;
	free: number;
	/** P12: users beyond the coverage, billed by consumption. */
	over: number;
}

/** One product or module. */
export interface ProductView {
	product: string;
	name: string;
	kind: Product['kind'];
	purchased: number;
	/** A lower total that applies at the renewal, if any. */
	pendingTotal: number | null;
	pools: PoolView[];
	billedByConsumption: boolean;
	/** A pack the module still needs to be usable (the e-mailing engine needs e-mails). */
	needsPack: PackKind | null;
}

/** Everything a group screen shows. */
export interface GroupView {
	groupId: string;
	policyId: string;
	currency: string;
	today: string;
	products: ProductView[];
	members: { total: number; active: number; awaitingRegistration: number; devices: number };
	admins: AdminEntry[];
	billableAdmin: AdminEntry | null;
	subscription: Subscription & { daysLeft: number | null };
	lock: LockView;
	openInvoices: Invoice[];
	outstanding: number;
	nextInvoice: NextInvoiceView | null;
	packs: { pack: string; kind: PackKind; count: number; units: number }[];
	/** P11: units available per pack kind (included + packs). */
	quotas: Record<PackKind, number>;
	ledger: LedgerView;
	warnings: Warning[];
}

/** Pools of a seat product (named, rights-group or device licenses). */
function seatPools(
	state: GroupState,
	policy: Policy,
	product: Product,
	scan: MemberScan
): PoolView[] {
	const holding = holdingOf(state, product.id);
	const used = productUsage(scan.usage, product.id);
	const pools: Pool[] = holding.floating > 0 ? ['standard', 'floating'] : ['standard'];
	return pools.map((pool) => {
		const size = poolCapacity(holding, pool);
		const pending = pool === 'standard' ? used.pending : 0;
		return {
			pool,
			size,
			used: used[pool],
			pending,
			free: Math.max(size - used[pool], 0),
			over: Math.max(used[pool] - size, 0)
		};
	});
}

/** A product's view. */
function productView(
	state: GroupState,
	policy: Policy,
	product: Product,
	scan: MemberScan
): ProductView {
	const holding = holdingOf(state, product.id);
	let pools = seatPools(state, policy, product, scan);
	if (product.kind === 'module') {
		const used = productUsage(scan.usage, product.id);
		const size = moduleCoverage(state, policy, product);
		const over = uncoveredOf(state, policy, product, used.standard, used.administrators);
		pools = [
			{
				pool: 'standard',
				size,
				used: used.standard,
				pending: 0,
				free: Math.max(size - used.standard, 0),
				over
			}
		];
	}
	const missing =
		product.requiresPack !== null && packUnits(state, policy, product.requiresPack, null) === 0;
	return {
		product: product.id,
		name: product.name,
		kind: product.kind,
		purchased: holding.seats,
		pendingTotal: holding.pendingSeats,
		pools,
		billedByConsumption: product.kind === 'module' && billsByConsumption(policy, product),
		needsPack: missing && holding.seats > 0 ? product.requiresPack : null
	};
}

/** P11: packs held and the units per kind (included units plus packs). */
function packViews(state: GroupState, policy: Policy): Pick<GroupView, 'packs' | 'quotas'> {
	const quotas = {} as Record<PackKind, number>;
	for (const kind of packKinds)
		quotas[kind] = (policy.includedUnits[kind] ?? 0) + packUnits(state, policy, kind, null);
	const packs = policy.packs
		.filter((p) => (state.packs[p.id] ?? 0) > 0)
		.map((p) => ({
			pack: p.id,
			kind: p.kind,
			count: state.packs[p.id] ?? 0,
			units: (state.packs[p.id] ?? 0) * p.units
		}));
	return { packs, quotas };
}

/** Builds the view on a valid day. */
function viewOnDay(
	state: GroupState,
	ledger: readonly unknown[],
	policy: Policy,
	today: string
): Result<GroupView> {
	const scan = scanOf(state, policy);
	const next = nextInvoice(state, policy);
	if (!next.ok) return next;
	const unpaid = unpaidInvoices(state);
	const sub = state.subscription;
	const owner = scan.admins.find((a) => a.roles.includes('owner'));
	return ok({
		groupId: state.groupId,
		policyId: state.policyId,
		currency: policy.currency,
		today,
		products: policy.products.map((product) => productView(state, policy, product, scan)),
		members: {
			total: scan.total,
			active: scan.active,
			awaitingRegistration: scan.awaitingRegistration,
			devices: scan.devices
		},
		admins: scan.admins.map((admin) => ({ ...admin })),
		billableAdmin: scan.billable === null ? null : { ...scan.billable },
		subscription: { ...sub, daysLeft: sub.expiry === null ? null : daysBetween(today, sub.expiry) },
		lock: lockView(state, policy, unpaid),
		openInvoices: unpaid,
		outstanding: unpaid.reduce((sum, invoice) => sum + invoice.amount, 0),
		nextInvoice: next.value,
		...packViews(state, policy),
		ledger: ledgerView(state, ledger),
		warnings:
			policy.roleBasedAdminAddress && owner !== undefined ? adminAddressWarnings(owner.email) : []
	});
}

/**
 * Everything a group screen shows, computed from the authority state (plus pending intents, if
 * the caller applied them), the verified ledger payloads, the policy and the instant `now`.
 */
export function groupView(
	state: GroupState,
	ledger: readonly unknown[],
	policy: Policy,
	now: number
): Result<GroupView> {
	return guard(() => {
		const valid = ensurePolicy(policy);
		if (!valid.ok) return valid;
		if (!isInstant(now)) return fail('date.out-of-range', { now: String(now) });
		return viewOnDay(state, ledger, policy, dateOfInstant(now));
	});
}
