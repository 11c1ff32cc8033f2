import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventFromStored } from '../../server/authority/authority-signer.ts';
import { placeOrderAsAuthority } from '../../server/authority/group-setup.ts';
import type { SignedLedgerEvent } from '../../src/lib/sync/ledger-format.ts';
import { verifyLedger } from '../../src/lib/sync/ledger-verify.ts';
import { freshGroup } from '../helpers/authority-fixtures.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * B-suite, the ledger's side: 1,000 random tamperings of a stored ledger — a flipped byte
 * anywhere in an event, a deleted, duplicated or reordered event, a truncated tail, a forged
 * event appended — are all caught by the verification every client runs (given the head it
 * verified last time, which is how a truncation shows).
 */
const long = process.env.TESSERA_LONG === '1';
const tamperings = long ? 100_000 : 1_000;
const seed = Number(process.env.TESSERA_SEED ?? 777);
let test: TestServer;
let events: SignedLedgerEvent[] = [];

beforeAll(async () => {
	test = await startTestServer();
	const { owner } = await freshGroup(test, 'tamper', { seats: { product: 'designer', total: 2 } });
	for (let total = 3; total <= 8; total++) {
		await placeOrderAsAuthority(
			test.server.engine,
			'tamper',
			{ userId: owner.id, passwordConfirmed: true },
			{ kind: 'set-seats', product: 'designer', newTotal: total, term: 'monthly' }
		);
	}
	events = (await test.storage.authority.ledger('tamper')).map(eventFromStored);
});
afterAll(async () => {
	await test.stop();
});

type Tampered = unknown[];

function flipByte(random: prng.PRNG, ledger: SignedLedgerEvent[]): Tampered {
	const index = prng.int31(random, 0, ledger.length - 1);
	const text = JSON.stringify(ledger[index]);
	const at = prng.int31(random, 0, text.length - 1);
	const flipped =
		text.slice(0, at) +
		String.fromCharCode(text.charCodeAt(at) ^ (1 << prng.int31(random, 0, 6))) +
		text.slice(at + 1);
	let event: unknown;
	try {
		event = JSON.parse(flipped);
	} catch {
		event = flipped;
	}
	return ledger.map((original, i) => (i === index ? event : original));
}

const tamperers: Record<string, (random: prng.PRNG, ledger: SignedLedgerEvent[]) => Tampered> = {
	'byte flip': flipByte,
	delete: (random, ledger) => {
		const index = prng.int31(random, 0, ledger.length - 2);
		return ledger.filter((_, i) => i !== index);
	},
	duplicate: (random, ledger) => {
		const index = prng.int31(random, 0, ledger.length - 1);
		return [...ledger.slice(0, index + 1), ledger[index], ...ledger.slice(index + 1)];
	},
	reorder: (random, ledger) => {
		const a = prng.int31(random, 0, ledger.length - 2);
		const b = prng.int31(random, a + 1, ledger.length - 1);
		const copy: unknown[] = [...ledger];
		[copy[a], copy[b]] = [copy[b], copy[a]];
		return copy;
	},
	truncate: (random, ledger) => ledger.slice(0, prng.int31(random, 0, ledger.length - 1)),
	'forged tail': (_random, ledger) => {
		const last = ledger[ledger.length - 1];
		if (!last) return ledger;
		return [
			...ledger,
			{
				...last,
				seq: last.seq + 1,
				prevHash: last.hash,
				payload: { type: 'payment.recorded', amount: 1 }
			}
		];
	}
};

/** The other texts that atob decodes to the same bytes as a base64url text's last character. */
function sameBytesOtherText(text: string): string[] {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
	const last = alphabet.indexOf(text.slice(-1));
	// 64 bytes in 86 characters: the last character carries 2 bits of data and 4 unused bits.
	const unused = text.length % 4 === 2 ? 0b1111 : text.length % 4 === 3 ? 0b11 : 0;
	return Array.from({ length: unused + 1 }, (_, bits) => (last & ~unused) | bits)
		.filter((value) => value !== last)
		.map((value) => text.slice(0, -1) + alphabet.charAt(value));
}

describe('B-suite pinned regressions', () => {
	it('B seed 777 (byte flips #9821, #35289 … in the long sweep): a signature re-encoded with other unused bits is refused', async () => {
		const keys = test.server.signer.publicKeys().keys;
		let tried = 0;
		for (const [index, event] of events.entries()) {
			for (const signature of sameBytesOtherText(event.signature)) {
				const tampered = events.map((e, i) => (i === index ? { ...e, signature } : e));
				const result = await verifyLedger(tampered, keys, 'tamper');
				expect(result.rejected[0]).toMatchObject({ index, reason: 'signature' });
				tried++;
			}
		}
		expect(tried).toBeGreaterThan(events.length);
	});
});

describe('B-suite: tampering with the stored ledger', () => {
	it(
		`B ${tamperings} random tamperings of a stored ledger are all detected by the client's verification`,
		{ timeout: long ? 14_400_000 : 600_000 },
		async () => {
			expect(events.length).toBeGreaterThan(10);
			const keys = test.server.signer.publicKeys().keys;
			const head = events[events.length - 1];
			if (!head) throw new Error('no ledger');
			const known = { seq: head.seq, hash: head.hash };
			expect((await verifyLedger(events, keys, 'tamper', known)).rejected).toEqual([]);
			const random = prng.create(seed);
			const kinds = Object.keys(tamperers);
			const undetected: string[] = [];
			const counts: Record<string, number> = {};
			for (let i = 0; i < tamperings; i++) {
				const kind = prng.oneOf(random, kinds);
				const tampered = tamperers[kind]?.(random, events) ?? events;
				const result = await verifyLedger(tampered, keys, 'tamper', known);
				counts[kind] = (counts[kind] ?? 0) + 1;
				if (result.rejected.length === 0) undetected.push(`${kind} #${i}`);
			}
			console.warn(
				`B ${tamperings} tamperings (seed ${seed}) over ${events.length} events: ${JSON.stringify(counts)}, undetected ${undetected.length}`
			);
			expect(undetected).toEqual([]);
		}
	);
});
