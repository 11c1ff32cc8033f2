import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { placeOrder, type QuoteRequest } from '../../src/lib/domain/index.ts';
import type { AuthorityStore, IdempotencyRecord } from '../storage/types.ts';
import type { AuthorityEngine } from './authority-engine.ts';
import type { AuthoritySigner } from './authority-signer.ts';
import { notInitialized, type Refusal } from './domain-operation.ts';
import type { GroupAuthority } from './group-authority.ts';
import { orderReceipt } from './order-receipt.ts';

export interface OrderDeps {
	engine: AuthorityEngine;
	store: AuthorityStore;
	signer: AuthoritySigner;
}

/** An order as the route hands it over, once the caller's password was checked (P3). */
export interface OrderInput {
	groupId: string;
	userId: string;
	/** The caller's `Idempotency-Key`; keys are scoped per user. */
	key: string;
	request: QuoteRequest;
}

/**
 * The answer to an order: the first (stored) answer, perhaps replayed, or a refusal. Refusals
 * are not stored: they changed nothing, so the owner may fix the cause (sign the CLA, pay the
 * overdue invoice, buy the minimum) and try again with the same key.
 */
export type OrderAnswer =
	| { kind: 'answer'; status: number; body: string; replayed: boolean }
	| { kind: 'refused'; error: Refusal };

/** SHA-256 of the canonical request and its group: what "the same body" means for a key. */
export function requestHash(groupId: string, request: QuoteRequest): string {
	const text = canonicalize({ groupId, request }) ?? '';
	return createHash('sha256').update(text).digest('hex');
}

/** The stored answer under the caller's key: replayed when the request is the same, else refused. */
async function storedAnswer(
	store: AuthorityStore,
	input: OrderInput,
	hash: string
): Promise<OrderAnswer | undefined> {
	const stored = await store.findIdempotency(input.userId, input.key);
	if (!stored) return undefined;
	if (stored.groupId !== input.groupId || stored.requestHash !== hash) {
		return { kind: 'refused', error: { code: 'idempotency.key-reused', params: {} } };
	}
	return { kind: 'answer', status: stored.status, body: stored.response, replayed: true };
}

/** Places the order on the group's current state and commits it with its answer. */
async function placeWithin(
	deps: OrderDeps,
	authority: GroupAuthority,
	input: OrderInput,
	hash: string
): Promise<OrderAnswer> {
	const state = authority.state;
	if (!state) return { kind: 'refused', error: notInitialized };
	const actor = {
		userId: input.userId,
		roles: state.members[input.userId]?.roles ?? [],
		passwordConfirmed: true
	};
	const now = deps.engine.clock.now();
	const placed = placeOrder(state, authority.policy, input.request, actor, now);
	if (!placed.ok) return { kind: 'refused', error: placed.error };
	const { quote, events, history, emails } = placed.value;
	const status = 201;
	let body = '';
	const record = (signed: Parameters<typeof orderReceipt>[4]): IdempotencyRecord => {
		body = JSON.stringify(orderReceipt(deps.signer, placed.value.state, quote, events, signed));
		const { userId, key, groupId } = input;
		return { userId, key, groupId, requestHash: hash, status, response: body, createdAt: now };
	};
	await deps.engine.commit(
		authority,
		{ reason: 'order', state: placed.value.state, events, history, emails, idempotency: record },
		[]
	);
	return { kind: 'answer', status, body, replayed: false };
}

/**
 * Places an order exactly once per idempotency key: a retry with the same request gets the
 * first answer without touching the engine; the same key with another request is refused. The
 * answer is committed in the same SQLite transaction as the order's ledger events, so no crash
 * can leave a charge without its answer or an answer without its charge.
 */
export async function placeOrderOnce(deps: OrderDeps, input: OrderInput): Promise<OrderAnswer> {
	const hash = requestHash(input.groupId, input.request);
	const earlier = await storedAnswer(deps.store, input, hash);
	if (earlier) return earlier;
	try {
		return await deps.engine.run(input.groupId, async (authority) => {
			// A retry that arrived while the first attempt was still queued finds its answer here.
			const first = await storedAnswer(deps.store, input, hash);
			return first ?? placeWithin(deps, authority, input, hash);
		});
	} catch (error) {
		// The same key used at the same moment on another group: the first commit took the key,
		// this one failed as a whole (nothing stored) and is answered from the first.
		const raced = await storedAnswer(deps.store, input, hash);
		if (raced) return raced;
		throw error;
	}
}
