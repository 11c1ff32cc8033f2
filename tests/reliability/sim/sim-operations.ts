import * as prng from 'lib0/prng';
import { advanceClock } from '../../../src/lib/domain/index.ts';
import { AuthorityError } from '../../../server/authority/authority-engine.ts';
import { applyOperation, placeOrderAsAuthority } from '../../../server/authority/group-setup.ts';
import { authorityMaps, authorityValue } from '../../../src/lib/sync/authority-doc.ts';
import { noteOf, proposeIntent } from '../../../src/lib/sync/workspace-doc.ts';
import type { SimClient } from './sim-client.ts';
import type { SimWorld } from './sim-world.ts';

const emails = Array.from({ length: 8 }, (_, i) => `person-${i}@sim.example`);
const day = 24 * 60 * 60 * 1000;
let sequence = 0;

/** One random thing a person or the clock does: edits, intents, orders, time passing. */
export async function randomOperation(world: SimWorld): Promise<void> {
	const random = world.network.random;
	const client = prng.oneOf(random, world.clients);
	const roll = prng.real53(random);
	if (roll < 0.4) editNote(world, client);
	else if (roll < 0.5) label(world, client);
	else if (roll < 0.8) intent(world, client);
	else if (roll < 0.9) await order(world);
	else await moveClock(world);
}

function editNote(world: SimWorld, client: SimClient): void {
	const random = world.network.random;
	const text = noteOf(client.workspace, `m-${prng.int31(random, 0, 3)}`);
	if (text.length > 0 && prng.bool(random)) {
		const at = prng.int31(random, 0, text.length - 1);
		text.delete(at, Math.min(text.length - at, prng.int31(random, 1, 3)));
	} else {
		text.insert(prng.int31(random, 0, text.length), prng.word(random, 1, 6));
	}
}

function label(world: SimWorld, client: SimClient): void {
	const random = world.network.random;
	client.workspace.getMap('labels').set(`l-${prng.int31(random, 0, 5)}`, prng.word(random, 1, 8));
}

function intent(world: SimWorld, client: SimClient): void {
	const random = world.network.random;
	const base = {
		id: `${client.name}-${++sequence}`,
		author: client.userId,
		createdAt: world.test.server.clock.now()
	};
	world.proposed.add(base.id);
	const holders = [...authorityMaps.members(client.authority).values()]
		.map(authorityValue)
		.filter(
			(member): member is { id: string; licenses: string[] } =>
				typeof member === 'object' &&
				member !== null &&
				Array.isArray((member as { licenses?: unknown }).licenses) &&
				(member as { licenses: string[] }).licenses.includes('designer')
		);
	if (holders.length > 0 && prng.real53(random) < 0.35) {
		const holder = prng.oneOf(random, holders);
		proposeIntent(
			client.workspace,
			{ ...base, kind: 'recall-license', memberId: holder.id, product: 'designer' },
			'sim'
		);
		return;
	}
	const email = prng.oneOf(random, emails);
	proposeIntent(
		client.workspace,
		{
			...base,
			kind: 'assign-license',
			product: 'designer',
			target: { by: 'email', email, name: email }
		},
		'sim'
	);
}

async function order(world: SimWorld): Promise<void> {
	const newTotal = prng.int31(world.network.random, 1, 8);
	try {
		await placeOrderAsAuthority(
			world.test.server.engine,
			world.groupId,
			{ userId: world.people.ownerId, passwordConfirmed: true },
			{ kind: 'set-seats', product: 'designer', newTotal, term: 'monthly' }
		);
	} catch (error) {
		// A refused order (below what is used, no change…) is a normal outcome here.
		if (!(error instanceof AuthorityError)) throw error;
	}
}

async function moveClock(world: SimWorld): Promise<void> {
	const clock = world.test.server.testClock;
	if (!clock) throw new Error('the simulation needs the test clock');
	clock.set(clock.now() + prng.int31(world.network.random, 1, 40) * day);
	try {
		await applyOperation(world.test.server.engine, world.groupId, 'clock', advanceClock);
	} catch (error) {
		if (!(error instanceof AuthorityError)) throw error;
	}
}
