import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readDecisions, readHistory } from '../../src/lib/sync/authority-doc.ts';
import { documentName } from '../../src/lib/sync/protocol.ts';
import {
	intentLog,
	intentsMap,
	proposeIntent,
	writtenIntents
} from '../../src/lib/sync/workspace-doc.ts';
import { freshGroup } from '../helpers/authority-fixtures.ts';
import { assignByEmail as assign, serverSuite } from '../helpers/server-suite.ts';

/**
 * H1: a decided intent leaves the workspace — its decision in the authority document is what
 * everyone reads from then on — so a group that imported 100,000 people does not reload 100,000
 * spent intents. Nothing is decided twice, and leftovers of a crash are pruned at the next load.
 */

/** Decided intents are pruned together about a second after their decisions. */
const pruned = { timeout: 5_000 };

const suite = serverSuite();
const { online } = suite;

async function storedIntentIds(groupId: string): Promise<string[]> {
	await suite.server.server.writer.drain();
	const doc = new Y.Doc();
	const name = documentName(groupId, 'workspace');
	for (const update of await suite.server.storage.documents.loadDocument(name))
		Y.applyUpdate(doc, update);
	return [...writtenIntents(doc).keys()];
}

describe('decided intents leave the workspace', () => {
	it('H1 accepted and rejected intents are deleted from every replica and from storage; their decisions stay', async () => {
		const { alex } = await freshGroup(suite.server, 'pruned', {
			seats: { product: 'designer', total: 1 }
		});
		const a = await online('alex.admin@acme.example', 'pruned');
		const other = await online('camille.martin@acme.example', 'pruned');
		proposeIntent(a.connection.workspace, assign('i-first', alex.id, 'one@acme.example'), 'test');
		proposeIntent(a.connection.workspace, assign('i-second', alex.id, 'two@acme.example'), 'test');
		await vi.waitFor(() => {
			for (const replica of [a, other]) {
				const decisions = readDecisions(replica.connection.authority);
				expect(decisions.get('i-first')?.decision.outcome).toBe('accepted');
				expect(decisions.get('i-second')?.decision).toMatchObject({
					outcome: 'rejected',
					code: 'seat.none-free'
				});
				expect([...writtenIntents(replica.connection.workspace).keys()]).toEqual([]);
			}
		}, pruned);
		expect(await storedIntentIds('pruned')).toEqual([]);
	});

	it('H1 an intent left in the workspace after its decision (a crash between the two) is pruned at the next load, not decided again', async () => {
		const { alex } = await freshGroup(suite.server, 'leftover', {
			seats: { product: 'designer', total: 3 }
		});
		const a = await online('alex.admin@acme.example', 'leftover');
		const intent = assign('i-once', alex.id, 'once@acme.example');
		proposeIntent(a.connection.workspace, intent, 'test');
		await vi.waitFor(() => {
			expect(readDecisions(a.connection.authority).has('i-once')).toBe(true);
			expect(writtenIntents(a.connection.workspace).has('i-once')).toBe(false);
		}, pruned);
		const decided = readDecisions(a.connection.authority).get('i-once');
		const history = readHistory(a.connection.authority).length;
		a.close();
		// Storage as a crash between the decision and the pruning leaves it: the intent is there.
		await suite.server.server.writer.drain();
		const name = documentName('leftover', 'workspace');
		const stored = new Y.Doc();
		for (const update of await suite.server.storage.documents.loadDocument(name))
			Y.applyUpdate(stored, update);
		const before = Y.encodeStateVector(stored);
		intentLog(stored).push([intent]);
		await suite.server.storage.documents.appendUpdates([
			{ name, update: Y.encodeStateAsUpdate(stored, before) }
		]);
		expect(await storedIntentIds('leftover')).toEqual(['i-once']);

		await suite.server.restart();
		const b = await online('camille.martin@acme.example', 'leftover');
		await vi.waitFor(async () => expect(await storedIntentIds('leftover')).toEqual([]), pruned);
		await vi.waitFor(() => expect(writtenIntents(b.connection.workspace).size).toBe(0), pruned);
		expect(readDecisions(b.connection.authority).get('i-once')).toEqual(decided);
		expect(readHistory(b.connection.authority)).toHaveLength(history);
	});

	it('H1 an intent in the map of workspaces written before the log is decided and pruned the same way', async () => {
		const { alex } = await freshGroup(suite.server, 'legacy-map', {
			seats: { product: 'designer', total: 2 }
		});
		const a = await online('alex.admin@acme.example', 'legacy-map');
		// What a client of the earlier layout wrote: the intent under its id in the "intents" map.
		a.connection.workspace.transact(() => {
			intentsMap(a.connection.workspace).set(
				'i-legacy',
				assign('i-legacy', alex.id, 'legacy@acme.example')
			);
		}, 'test');
		await vi.waitFor(() => {
			expect(readDecisions(a.connection.authority).get('i-legacy')?.decision.outcome).toBe(
				'accepted'
			);
			expect(intentsMap(a.connection.workspace).has('i-legacy')).toBe(false);
		}, pruned);
		expect(await storedIntentIds('legacy-map')).toEqual([]);
	});
});
