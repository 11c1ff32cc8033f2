import canonicalize from 'canonicalize';
import * as Y from 'yjs';
import { presets } from '../../../src/lib/domain/index.ts';
import { AuthorityProjection } from '../../../src/lib/sync/authority-projection.ts';
import { verifyLedger } from '../../../src/lib/sync/ledger-verify.ts';
import { writtenIntents } from '../../../src/lib/sync/workspace-doc.ts';
import type { SimWorld } from './sim-world.ts';

/** A document's content as comparable JSON (every top-level type, by name). */
export function contentOf(doc: Y.Doc): string {
	const out: Record<string, unknown> = {};
	for (const name of [...doc.share.keys()].sort()) {
		const type = doc.share.get(name);
		if (!type) continue;
		// Resolve the type as the layout defines it; unknown top-level names are texts (notes).
		// An empty type exists only where some code asked for it: it is not content.
		if (name.startsWith('note:')) out[name] = doc.getText(name).toJSON() || undefined;
		else if (name === 'ledger' || name === 'history' || name === 'intentLog') {
			const list = doc.getArray(name).toJSON();
			out[name] = list.length > 0 ? list : undefined;
		} else {
			const map = doc.getMap(name).toJSON();
			out[name] = Object.keys(map).length > 0 ? map : undefined;
		}
	}
	// Map entries come out in insertion order, which differs between replicas: sort them.
	return canonicalize(out) ?? '';
}

/** Every replica holds the same documents, with the same state vectors (C1). */
export function assertConverged(world: SimWorld): void {
	for (const kind of ['workspace', 'authority'] as const) {
		const server = world.serverDoc(kind);
		const expected = contentOf(server);
		const vector = Y.encodeStateVector(server);
		for (const client of world.clients) {
			const doc = kind === 'workspace' ? client.workspace : client.authority;
			if (contentOf(doc) !== expected)
				throw new Error(`seed ${world.seed}: ${client.name}'s ${kind} differs from the server's`);
			if (!Buffer.from(Y.encodeStateVector(doc)).equals(Buffer.from(vector))) {
				throw new Error(`seed ${world.seed}: ${client.name}'s ${kind} state vector differs`);
			}
		}
	}
}

/** The business invariants hold on a replica's authority document. */
export async function assertInvariants(world: SimWorld, doc: Y.Doc, who: string): Promise<void> {
	const fail = (what: string) => new Error(`seed ${world.seed} (${who}): ${what}`);
	const projection = new AuthorityProjection(doc);
	const state = projection.state;
	if (!state) throw fail('no state');
	const policy = presets[state.policyId];
	if (!policy) throw fail(`unknown policy ${state.policyId}`);
	const products = new Set(policy.products.map((product) => product.id));
	const holders = Object.values(state.members).filter((member) =>
		member.licenses.includes('designer')
	);
	// This preset bills no consumption: active seats never exceed what was sold.
	const sold = state.holdings.designer?.seats ?? 0;
	if (holders.length > sold) throw fail(`${holders.length} seats used, ${sold} sold`);
	for (const member of Object.values(state.members)) {
		for (const license of member.licenses)
			if (!products.has(license)) throw fail(`dangling license ${license}`);
		if (
			member.licenseAdmin !== null &&
			!state.members[member.licenseAdmin] &&
			member.licenseAdmin !== 'system'
		) {
			throw fail(`member ${member.id} points at unknown license admin ${member.licenseAdmin}`);
		}
	}
	const intents = writtenIntents(world.serverDoc('workspace'));
	for (const intentId of projection.decisions.keys()) {
		if (!world.proposed.has(intentId)) throw fail(`decision for unknown intent ${intentId}`);
		// H1: a decided intent leaves the workspace; its decision is what everyone reads.
		if (intents.has(intentId)) throw fail(`decided intent ${intentId} still in the workspace`);
	}
	const keys = world.test.server.signer.publicKeys().keys;
	const ledger = await verifyLedger(projection.ledger, keys, world.groupId);
	if (ledger.rejected.length > 0)
		throw fail(`ledger fails verification at ${JSON.stringify(ledger.rejected[0])}`);
	const stored = await world.test.storage.authority.ledger(world.groupId);
	if (stored.length !== ledger.verified.length)
		throw fail(`mirror has ${ledger.verified.length} events, SQL ${stored.length}`);
	projection.destroy();
}

/** C3: every final document survives a save and a load unchanged. */
export function assertRoundTrip(world: SimWorld, doc: Y.Doc, who: string): void {
	const reloaded = new Y.Doc();
	Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(doc));
	if (contentOf(reloaded) !== contentOf(doc))
		throw new Error(`seed ${world.seed} (${who}): round trip changed the content`);
	if (!Buffer.from(Y.encodeStateVector(reloaded)).equals(Buffer.from(Y.encodeStateVector(doc)))) {
		throw new Error(`seed ${world.seed} (${who}): round trip changed the state vector`);
	}
}
