import { describe, expect, it, vi } from 'vitest';
import { readDecisions, readLedgerMirror, readState } from '../../src/lib/sync/authority-doc.ts';
import { verifyLedger } from '../../src/lib/sync/ledger-verify.ts';
import { proposeIntent } from '../../src/lib/sync/workspace-doc.ts';
import { freshGroup } from '../helpers/authority-fixtures.ts';
import { assignByEmail as assign, serverSuite } from '../helpers/server-suite.ts';

const suite = serverSuite();
const { online } = suite;

describe('intents decided by the authority', () => {
	it('the race for the last seat has exactly one winner on every replica, and the loser is told how to fix it', async () => {
		const { owner, alex, camille } = await freshGroup(suite.server, 'race', {
			seats: { product: 'designer', total: 2 }
		});
		const a = await online('alex.admin@acme.example', 'race');
		const c = await online('camille.martin@acme.example', 'race');
		// The owner takes one of the two seats first.
		proposeIntent(a.connection.workspace, assign('i-owner', alex.id, owner.email), 'test');
		await vi.waitFor(() =>
			expect(readDecisions(c.connection.authority).get('i-owner')?.decision.outcome).toBe(
				'accepted'
			)
		);

		a.connection.disconnect();
		c.connection.disconnect();
		proposeIntent(
			a.connection.workspace,
			assign('i-alex', alex.id, 'new.hire.one@acme.example'),
			'test'
		);
		proposeIntent(
			c.connection.workspace,
			assign('i-camille', camille.id, 'new.hire.two@acme.example'),
			'test'
		);
		a.connection.connect();
		c.connection.connect();

		const late = await online('olivia.owner@acme.example', 'race');
		await vi.waitFor(() => {
			for (const replica of [a, c, late]) {
				const decisions = readDecisions(replica.connection.authority);
				expect(decisions.get('i-alex')).toBeDefined();
				expect(decisions.get('i-camille')).toBeDefined();
			}
		});
		const outcomes = [a, c, late].map((replica) => {
			const decisions = readDecisions(replica.connection.authority);
			return [
				decisions.get('i-alex')?.decision.outcome,
				decisions.get('i-camille')?.decision.outcome
			].sort();
		});
		for (const outcome of outcomes) expect(outcome).toEqual(['accepted', 'rejected']);
		const decisions = readDecisions(late.connection.authority);
		const loser = [decisions.get('i-alex'), decisions.get('i-camille')].find(
			(record) => record?.decision.outcome === 'rejected'
		)?.decision;
		expect(loser).toMatchObject({
			code: 'seat.none-free',
			fix: { kind: 'buy-seats', product: 'designer', count: 1 }
		});
		const state = readState(late.connection.authority).state;
		const holders = Object.values(state?.members ?? {}).filter((m) =>
			m.licenses.includes('designer')
		);
		expect(holders).toHaveLength(2);
	});

	it('vouches for the author: an intent claiming to be the owner is decided as its writer', async () => {
		const { owner } = await freshGroup(suite.server, 'forged-author', {
			seats: { product: 'designer', total: 1 }
		});
		const a = await online('alex.admin@acme.example', 'forged-author');
		proposeIntent(
			a.connection.workspace,
			{
				id: 'i-forged',
				kind: 'set-roles',
				author: owner.id,
				createdAt: Date.now(),
				memberId: owner.id,
				roles: ['viewer']
			},
			'test'
		);
		await vi.waitFor(() =>
			expect(readDecisions(a.connection.authority).get('i-forged')).toBeDefined()
		);
		const record = readDecisions(a.connection.authority).get('i-forged');
		expect(record?.decision).toMatchObject({ outcome: 'rejected', code: 'role.not-allowed' });
		expect(record?.author).not.toBe(owner.id);
	});

	it('rejects an invalid intent with a code instead of trusting it', async () => {
		await freshGroup(suite.server, 'garbage');
		const a = await online('alex.admin@acme.example', 'garbage');
		proposeIntent(
			a.connection.workspace,
			{ id: 'i-bad', kind: 'assign-license', seats: -3 },
			'test'
		);
		proposeIntent(
			a.connection.workspace,
			{
				id: 'i-unknown-member',
				kind: 'recall-license',
				author: 'x',
				createdAt: Date.now(),
				memberId: 'nobody',
				product: 'designer'
			},
			'test'
		);
		await vi.waitFor(() => expect(readDecisions(a.connection.authority).size).toBe(2));
		const decisions = readDecisions(a.connection.authority);
		expect(decisions.get('i-bad')?.decision).toMatchObject({
			outcome: 'rejected',
			code: 'intent.invalid'
		});
		expect(decisions.get('i-unknown-member')?.decision).toMatchObject({
			outcome: 'rejected',
			code: 'member.unknown'
		});
	});

	it('mirrors the signed ledger into the authority document, where clients verify it', async () => {
		await freshGroup(suite.server, 'mirrored', { seats: { product: 'designer', total: 3 } });
		const a = await online('alex.admin@acme.example', 'mirrored');
		const keys = (await (await fetch(`${suite.server.url}/api/authority/key`)).json()) as {
			keys: { id: string; publicKey: string }[];
		};
		const mirror = readLedgerMirror(a.connection.authority);
		expect(mirror.length).toBeGreaterThan(0);
		const result = await verifyLedger(mirror, keys.keys, 'mirrored');
		expect(result.rejected).toEqual([]);
		expect(result.verified.map((event) => (event.payload as { type: string }).type)).toContain(
			'order.placed'
		);
	});
});
