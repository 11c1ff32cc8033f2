import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import {
	cardBrands,
	cardSummary,
	recordPayment,
	type CardBrand,
	type CardFields,
	type GroupState,
	type Invoice,
	type LedgerPayload,
	type Role
} from '../../src/lib/domain/index.ts';
import type { SignedLedgerEvent } from '../../src/lib/sync/ledger-format.ts';
import type { AuthorityEngine } from '../authority/authority-engine.ts';
import { notInitialized, type Refusal } from '../authority/domain-operation.ts';
import type { GroupAuthority } from '../authority/group-authority.ts';
import type { AuthorityStore, IdempotencyRecord } from '../storage/types.ts';
import type { ChargeResult, PaymentProvider } from './payment-provider.ts';

export interface CardPaymentDeps {
	engine: AuthorityEngine;
	store: AuthorityStore;
	provider: PaymentProvider;
}

/** A card payment as the route hands it over, once the caller's role was checked (G2). */
export interface CardPaymentInput {
	groupId: string;
	invoiceId: string;
	userId: string;
	/** The caller's `Idempotency-Key`; keys are scoped per user (shared with orders). */
	key: string;
	/** The amount the payer saw; it must be the invoice's. */
	amount: number;
	card: CardFields;
}

/** The answer: the first (stored) answer, perhaps replayed, or a refusal that changed nothing. */
export type CardPaymentAnswer =
	| { kind: 'answer'; status: number; body: string; replayed: boolean }
	| { kind: 'refused'; error: Refusal };

/** What the server answers to a card payment, stored under its key and replayed as it is. */
export interface CardPaymentReceipt {
	groupId: string;
	invoiceId: string;
	payment: {
		amount: number;
		currency: string;
		method: 'card';
		brand: CardBrand;
		last4: string;
		reference: string;
	};
	invoice: Invoice;
	lock: GroupState['lock'];
	ledger: { seq: number; type: LedgerPayload['type'] }[];
}

/**
 * What "the same request" means for a key: the group, invoice, amount and the card's brand, last
 * four digits and expiry. Never the number or the CVC, not even hashed: a hash of a 16-digit
 * number whose first and last digits are known is quickly reversed.
 */
export function cardRequestHash(input: CardPaymentInput): string {
	const { groupId, invoiceId, amount, card } = input;
	const text = canonicalize({
		groupId,
		invoiceId,
		amount,
		card: { ...cardSummary(card.number), expiry: card.expiry.replace(/\s/g, '') }
	});
	return createHash('sha256')
		.update(text ?? '')
		.digest('hex');
}

/** The processor's idempotency key: one per (user, key, request), so a retry charges once. */
function providerKey(input: CardPaymentInput, hash: string): string {
	const text = `tessera-card-payment\n${input.userId}\n${input.key}\n${hash}`;
	return createHash('sha256').update(text).digest('hex');
}

async function storedAnswer(
	store: AuthorityStore,
	input: CardPaymentInput,
	hash: string
): Promise<CardPaymentAnswer | undefined> {
	const stored = await store.findIdempotency(input.userId, input.key);
	if (!stored) return undefined;
	if (stored.groupId !== input.groupId || stored.requestHash !== hash) {
		return { kind: 'refused', error: { code: 'idempotency.key-reused', params: {} } };
	}
	return { kind: 'answer', status: stored.status, body: stored.response, replayed: true };
}

/** A processor's refusal as Tessera's: the code, and the field it concerns. */
function declined(result: Extract<ChargeResult, { status: 'declined' }>): CardPaymentAnswer {
	const field = result.field;
	return {
		kind: 'refused',
		error: { code: result.code, params: field ? { field } : {}, ...(field ? { path: field } : {}) }
	};
}

/** A brand Tessera knows, else `unknown` (a processor may know more brands). */
const knownBrand = (brand: string): CardBrand =>
	cardBrands.find((known) => known === brand) ?? 'unknown';

/** A charge that went through, with what its record needs. */
interface Charged {
	state: GroupState;
	invoice: Invoice;
	actor: { userId: string; roles: Role[] };
	now: number;
	card: { brand: CardBrand; last4: string };
	reference: string;
}

/**
 * Decides first with the domain (invoice open, amount, P5 threshold, G2 role), so nothing is
 * charged that the authority would refuse; then charges through the processor.
 */
async function charge(
	deps: CardPaymentDeps,
	authority: GroupAuthority,
	input: CardPaymentInput,
	hash: string
): Promise<Charged | CardPaymentAnswer> {
	const state = authority.state;
	if (!state) return { kind: 'refused', error: notInitialized };
	const actor = { userId: input.userId, roles: state.members[input.userId]?.roles ?? [] };
	const now = deps.engine.clock.now();
	const payment = { invoiceId: input.invoiceId, amount: input.amount, method: 'card' as const };
	const allowed = recordPayment(state, authority.policy, payment, actor, now);
	if (!allowed.ok) return { kind: 'refused', error: allowed.error };
	const invoice = state.invoices[input.invoiceId];
	if (!invoice) return { kind: 'refused', error: { code: 'invoice.unknown', params: {} } };
	let result: ChargeResult;
	try {
		result = await deps.provider.charge({
			amount: invoice.amount,
			currency: invoice.currency,
			card: input.card,
			idempotencyKey: providerKey(input, hash),
			description: `${input.groupId} ${invoice.id}`
		});
	} catch {
		return { kind: 'refused', error: { code: 'payment.provider-failed', params: {} } };
	}
	if (result.status === 'declined') return declined(result);
	const card = { brand: knownBrand(result.brand), last4: result.last4 };
	return { state, invoice, actor, now, card, reference: result.providerReference };
}

/**
 * Records a charged payment exactly as the desk records a wire (signed `payment.recorded`,
 * invoice paid, group unlocked when it was the last overdue one, I2), in one transaction with
 * the answer stored under the key.
 */
async function record(
	deps: CardPaymentDeps,
	authority: GroupAuthority,
	input: CardPaymentInput,
	hash: string,
	charged: Charged
): Promise<CardPaymentAnswer> {
	const { invoice, card, reference, now } = charged;
	const payment = { invoiceId: invoice.id, amount: invoice.amount, method: 'card' as const };
	const paid = recordPayment(
		charged.state,
		authority.policy,
		{ ...payment, card, reference },
		charged.actor,
		now
	);
	// The same decision as before the charge, on the same state: only a broken processor answer
	// (say, a malformed reference) gets here; the retry with the same key is not charged again.
	if (!paid.ok) throw new Error(`card payment charged but not recordable: ${paid.error.code}`);
	const next = paid.value.state;
	let body = '';
	const answer = (signed: readonly SignedLedgerEvent[]): IdempotencyRecord => {
		const receipt: CardPaymentReceipt = {
			groupId: input.groupId,
			invoiceId: invoice.id,
			payment: { ...payment, currency: invoice.currency, ...card, reference },
			invoice: next.invoices[invoice.id] ?? invoice,
			lock: next.lock,
			ledger: signed.map((event) => ({
				seq: event.seq,
				type: (event.payload as LedgerPayload).type
			}))
		};
		body = JSON.stringify(receipt);
		const { userId, key, groupId } = input;
		return { userId, key, groupId, requestHash: hash, status: 200, response: body, createdAt: now };
	};
	const { events, history, emails } = paid.value;
	await deps.engine.commit(
		authority,
		{ reason: 'card-payment', state: next, events, history, emails, idempotency: answer },
		[]
	);
	return { kind: 'answer', status: 200, body, replayed: false };
}

/**
 * Pays an invoice by card on the group's current state, inside the group's turn. The turn is
 * held during the charge, so two payments of one invoice can never both be charged.
 */
async function payWithin(
	deps: CardPaymentDeps,
	authority: GroupAuthority,
	input: CardPaymentInput,
	hash: string
): Promise<CardPaymentAnswer> {
	const charged = await charge(deps, authority, input, hash);
	return 'kind' in charged ? charged : record(deps, authority, input, hash, charged);
}

/**
 * Pays an invoice by card exactly once per idempotency key, like an order: a retry with the same
 * request gets the first answer without touching the processor; the same key with another
 * request is refused; a decline is not stored (nothing changed), so the payer may try another
 * card — with a new key, since the processor remembers its answer to this one. Should the
 * server stop between the charge and its commit, a retry with the same key reaches the
 * processor with the same processor key, which answers the first charge instead of a second.
 */
export async function payInvoiceByCardOnce(
	deps: CardPaymentDeps,
	input: CardPaymentInput
): Promise<CardPaymentAnswer> {
	const hash = cardRequestHash(input);
	const earlier = await storedAnswer(deps.store, input, hash);
	if (earlier) return earlier;
	try {
		return await deps.engine.run(input.groupId, async (authority) => {
			const first = await storedAnswer(deps.store, input, hash);
			return first ?? payWithin(deps, authority, input, hash);
		});
	} catch (error) {
		// The same key used at the same moment on another group: answered from the first.
		const raced = await storedAnswer(deps.store, input, hash);
		if (raced) return raced;
		throw error;
	}
}
