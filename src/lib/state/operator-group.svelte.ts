import { api } from '$lib/api/api-client.ts';
import type { GroupState, Holding, Invoice, Order, Subscription } from '$lib/domain/index.ts';
import { problemOf, type Problem } from './account-problem.ts';
import { minorDigitsOf, parseAmount } from './operator-money.ts';
import type { OperatorGroupRow } from './operator-search.svelte.ts';

/** A group's billing as the operator reads it (`state` of `GET /api/operator/groups/:id`). */
export interface OperatorBilling {
	subscription: Subscription;
	holdings: Record<string, Holding>;
	packs: Record<string, number>;
	lock: GroupState['lock'];
	invoices: Invoice[];
	orders: Order[];
}

/** What every operator action answers: the parts of the billing it may have changed. */
interface ActionAnswer {
	subscription: Subscription;
	lock: GroupState['lock'];
	invoices: Invoice[];
}

/** The desk's actions on a group; a problem or a success is kept per action. */
export type OperatorAction = 'expiry' | 'cla' | 'payment';

/** The methods the desk records by hand (I2); cards come through the payment provider. */
export type DeskMethod = 'check' | 'wire';

/** What the last successful action did, for the screen's confirmation. */
export type ActionDone =
	| { action: 'expiry'; date: string }
	| { action: 'cla'; date: string }
	| { action: 'payment'; invoiceId: string; amount: number; currency: string; method: DeskMethod };

/**
 * One group on the operator's desk: its subscription, seats and invoices, and the actions the
 * vendor's support desk takes on it — a first expiry date before the first purchase (P7), the
 * signed licence agreement (P6) and check or wire payments (I2, which unlock the group). Each
 * action is decided by the authority; a refusal changes nothing and comes back as a code.
 */
export class OperatorGroup {
	readonly groupId: string;
	#group = $state.raw<OperatorGroupRow | undefined>(undefined);
	#billing = $state.raw<OperatorBilling | null | undefined>(undefined);
	#loadProblem = $state.raw<Problem | undefined>(undefined);
	#problems = $state.raw<Partial<Record<OperatorAction, Problem>>>({});
	#done = $state.raw<ActionDone | undefined>(undefined);
	#busy = $state<OperatorAction | undefined>(undefined);

	constructor(groupId: string) {
		this.groupId = groupId;
	}

	get group(): OperatorGroupRow | undefined {
		return this.#group;
	}

	/** Undefined while loading, null for a group that was never set up. */
	get billing(): OperatorBilling | null | undefined {
		return this.#billing;
	}

	get loadProblem(): Problem | undefined {
		return this.#loadProblem;
	}

	get done(): ActionDone | undefined {
		return this.#done;
	}

	get busy(): OperatorAction | undefined {
		return this.#busy;
	}

	problem(action: OperatorAction): Problem | undefined {
		return this.#problems[action];
	}

	/** P7: a first expiry date may be set only before the group's first purchase. */
	get canSetFirstExpiry(): boolean {
		const billing = this.#billing;
		if (!billing) return false;
		const { subscription, orders } = billing;
		return orders.length === 0 && subscription.expiry === null && subscription.firstExpiry === null;
	}

	/** Invoices a payment can still be recorded for. */
	get payable(): Invoice[] {
		return (this.#billing?.invoices ?? []).filter(
			(invoice) => invoice.status === 'open' || invoice.status === 'past-due'
		);
	}

	async load(): Promise<void> {
		const result = await api.get<{ group: OperatorGroupRow; state: OperatorBilling | null }>(
			`/api/operator/groups/${encodeURIComponent(this.groupId)}`
		);
		if (!result.ok) {
			this.#loadProblem = problemOf(result);
			return;
		}
		this.#group = result.data.group;
		this.#billing = result.data.state;
	}

	/** Forgets an action's problem (the person is changing its input). */
	clear(action: OperatorAction): void {
		if (this.#problems[action]) this.#problems = { ...this.#problems, [action]: undefined };
	}

	async setFirstExpiry(date: string): Promise<boolean> {
		if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
			return this.#refuse('expiry', { key: 'operator.expiry.required' });
		const ok = await this.#run('expiry', 'first-expiry', { expiry: date });
		if (ok) this.#done = { action: 'expiry', date };
		return ok;
	}

	async recordCla(): Promise<boolean> {
		const ok = await this.#run('cla', 'cla', {});
		const date = this.#billing?.subscription.claSignedOn;
		if (ok && date) this.#done = { action: 'cla', date };
		return ok;
	}

	/**
	 * I2: records what arrived by check or wire for an invoice. The amount is typed as read on
	 * the check or the statement; the authority refuses one that does not match the invoice.
	 */
	async recordPayment(invoice: Invoice, amountText: string, method: DeskMethod): Promise<boolean> {
		const amount = parseAmount(amountText, minorDigitsOf(invoice.currency));
		if (amount === undefined)
			return this.#refuse('payment', { key: 'operator.payment.amountInvalid' });
		const ok = await this.#run('payment', 'payments', { invoiceId: invoice.id, amount, method });
		if (ok) {
			const { id: invoiceId, currency } = invoice;
			this.#done = { action: 'payment', invoiceId, amount, currency, method };
		}
		return ok;
	}

	#refuse(action: OperatorAction, problem: Problem): false {
		this.#problems = { ...this.#problems, [action]: problem };
		this.#done = undefined;
		return false;
	}

	async #run(action: OperatorAction, path: string, body: unknown): Promise<boolean> {
		if (this.#busy) return false;
		this.#busy = action;
		this.#done = undefined;
		const result = await api.post<ActionAnswer>(
			`/api/operator/groups/${encodeURIComponent(this.groupId)}/${path}`,
			body
		);
		this.#busy = undefined;
		if (!result.ok) return this.#refuse(action, problemOf(result));
		this.clear(action);
		const billing = this.#billing;
		if (billing) {
			const { subscription, lock, invoices } = result.data;
			this.#billing = { ...billing, subscription, lock, invoices };
		}
		return true;
	}
}
