import { randomUUID } from 'node:crypto';
import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrderOnce } from '../../server/authority/order-placement.ts';
import { applyOperation } from '../../server/authority/group-setup.ts';
import { AuthorityError } from '../../server/authority/authority-engine.ts';
import type { AuthorityCommit } from '../../server/storage/types.ts';
import { eventFromStored } from '../../server/authority/authority-signer.ts';
import {
	recordPayment,
	replayLedger,
	summarizeState,
	type GroupState,
	type QuoteRequest
} from '../../src/lib/domain/index.ts';
import { verifyLedger } from '../../src/lib/sync/ledger-verify.ts';
import { freshGroup } from '../helpers/authority-fixtures.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * B-suite: random billing commands, 20 % of them sent again (a retry), with a crash injected at
 * the storage write boundary — before the commit (nothing written) or after it (written, but the
 * caller never heard back) — followed each time by a restart of the server on the same data.
 * Every order takes effect exactly once, balances equal a replay of the ledger, the sequence has
 * no gap and the chain verifies. 600 commands here; 10,000 with TESSERA_LONG=1.
 */
const long = process.env.TESSERA_LONG === '1';
const commands = long ? 10_000 : 600;
const seed = Number(process.env.TESSERA_SEED ?? 4242);
const group = 'b-suite';
const day = 24 * 60 * 60 * 1000;

class InjectedCrash extends Error {}

let test: TestServer;
let ownerId = '';
let faults = { before: 0, after: 0 };

/** Wraps the authority's commit so that some commits crash before or after writing. */
function injectFaults(random: prng.PRNG): void {
	const authority = test.storage.authority;
	const commit = authority.commitAuthority.bind(authority);
	authority.commitAuthority = async (change: AuthorityCommit) => {
		const roll = prng.real53(random);
		if (roll < 0.05) {
			faults.before++;
			throw new InjectedCrash('crash before the write');
		}
		await commit(change);
		if (roll < 0.1) {
			faults.after++;
			throw new InjectedCrash('crash after the write');
		}
	};
}

/** Runs a command; a crash restarts the server and the command is retried, as a client would. */
async function withRetries<T>(random: prng.PRNG, command: () => Promise<T>): Promise<T> {
	for (;;) {
		try {
			return await command();
		} catch (error) {
			if (!(error instanceof InjectedCrash)) throw error;
			await test.restart();
			injectFaults(random);
		}
	}
}

async function state(): Promise<GroupState> {
	const current = await test.server.engine.run(group, (authority) =>
		Promise.resolve(authority.state)
	);
	if (!current) throw new Error('no state');
	return current;
}

beforeAll(async () => {
	// The injected crashes are expected; anything else the server reports still shows.
	test = await startTestServer({}, { expectedError: (error) => error instanceof InjectedCrash });
	ownerId = (await freshGroup(test, group)).owner.id;
});
afterAll(async () => {
	await test.stop();
});

describe('B-suite: billing exactly once under crashes', () => {
	it(
		`B ${commands} random billing commands with 20 % duplicates and crashes at write boundaries take effect exactly once`,
		{ timeout: long ? 14_400_000 : 1_800_000 },
		async () => {
			const random = prng.create(seed);
			injectFaults(random);
			faults = { before: 0, after: 0 };
			const sent: { key: string; request: QuoteRequest }[] = [];
			const firstAnswer = new Map<string, string>();
			let reusedRefused = 0;
			const refusals = new Map<string, number>();
			for (let i = 0; i < commands; i++) {
				const roll = prng.real53(random);
				if (roll < 0.2 && sent.length > 0) {
					// A duplicate: the same key and body again.
					const again = prng.oneOf(random, sent);
					const answer = await withRetries(random, () => order(again.key, again.request));
					const first = firstAnswer.get(again.key);
					if (first !== undefined && answer.kind === 'answer') expect(answer.body).toBe(first);
					if (first === undefined && answer.kind === 'answer')
						firstAnswer.set(again.key, answer.body);
				} else if (roll < 0.25 && firstAnswer.size > 0) {
					// The same key with another body is refused.
					const key = prng.oneOf(random, [...firstAnswer.keys()]);
					const answer = await withRetries(random, () => order(key, seats(100_000 + i)));
					expect(answer).toMatchObject({
						kind: 'refused',
						error: { code: 'idempotency.key-reused' }
					});
					reusedRefused++;
				} else if (roll < 0.65) {
					const key = randomUUID();
					// Mostly more seats (a change takes effect now); sometimes fewer (waits for renewal).
					const current = (await state()).holdings.designer?.seats ?? 0;
					const request = seats(Math.max(1, current + prng.int31(random, -2, 4)));
					sent.push({ key, request });
					const answer = await withRetries(random, () => order(key, request));
					if (answer.kind === 'answer') firstAnswer.set(key, answer.body);
					else refusals.set(answer.error.code, (refusals.get(answer.error.code) ?? 0) + 1);
				} else if (roll < 0.92) {
					await withRetries(random, payOne(random));
				} else {
					const clock = test.server.testClock;
					clock?.set(clock.now() + prng.int31(random, 1, 7) * day);
					await withRetries(random, () => test.server.scheduler.runAll());
				}
			}
			await checkExactlyOnce(firstAnswer);
			console.warn(
				`B ${commands} commands (seed ${seed}): ${faults.before} crashes before a write, ${faults.after} after, ${firstAnswer.size} orders, ${reusedRefused} reused keys refused`
			);
			expect(faults.before + faults.after).toBeGreaterThan(0);
		}
	);
});

function seats(newTotal: number): QuoteRequest {
	return { kind: 'set-seats', product: 'designer', newTotal, term: 'monthly', support: null };
}

function order(key: string, request: QuoteRequest) {
	const { engine, signer } = test.server;
	return placeOrderOnce(
		{ engine, store: test.storage.authority, signer },
		{ groupId: group, userId: ownerId, key, request }
	);
}

function payOne(random: prng.PRNG) {
	return async () => {
		const open = Object.values((await state()).invoices).filter(
			(invoice) => invoice.status !== 'paid' && invoice.status !== 'void'
		);
		if (open.length === 0) return;
		const invoice = prng.oneOf(random, open);
		const operator = { userId: 'desk', roles: [], operator: true };
		try {
			await applyOperation(test.server.engine, group, 'payment', (current, policy, now) =>
				recordPayment(
					current,
					policy,
					{ invoiceId: invoice.id, amount: invoice.amount, method: 'wire' },
					operator,
					now
				)
			);
		} catch (error) {
			if (!(error instanceof AuthorityError)) throw error;
		}
	};
}

async function checkExactlyOnce(answers: Map<string, string>): Promise<void> {
	const stored = await test.storage.authority.ledger(group);
	const events = stored.map(eventFromStored);
	expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
	const verified = await verifyLedger(events, test.server.signer.publicKeys().keys, group);
	expect(verified.rejected).toEqual([]);
	const payloads = events.map((event) => event.payload as { type: string; orderId?: string });
	const placed = payloads
		.filter((payload) => payload.type === 'order.placed')
		.map((payload) => payload.orderId);
	expect(new Set(placed).size).toBe(placed.length);
	const answered = [...answers.values()]
		.map((body) => (JSON.parse(body) as { orderId: string | null }).orderId)
		.filter((id): id is string => id !== null);
	expect(new Set(answered).size).toBe(answered.length);
	expect([...answered].sort()).toEqual([...placed].sort());
	const replay = replayLedger(payloads);
	expect(replay.ok).toBe(true);
	if (replay.ok) expect(replay.value).toEqual(summarizeState(await state()));
}
