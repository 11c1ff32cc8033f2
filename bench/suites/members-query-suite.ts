import type { Member } from '../../src/lib/domain/index.ts';
import {
	buildMemberIndex,
	everyone,
	MemberQuery,
	type QueryContext
} from '../../src/lib/state/member-index.ts';
import { ms } from '../lib/format.ts';
import type { BenchSuite, SuiteContext, SuiteReport } from '../types.ts';

/** The budget for one keystroke of the Users screen's search at 100,000 members. */
const keystrokeBudgetMs = 30;
const size = 100_000;

const first = ['Amélie', 'Lukas', 'Zoé', 'Noah', 'Chloé', 'Jürgen', 'Inès', 'Théo', 'Lou', 'Ben'];
const last = ['Dubois', 'Müller', 'Bernard', 'Schmidt', 'Lefèvre', 'Keller', 'Smith', 'Roux'];

/**
 * The Users screen's search at 100,000 members (src/lib/state/member-index.ts): building the
 * index once per state, merging a decision's change into it, and every keystroke of a typed
 * query — in this Node process, which runs the same V8 as Chromium.
 */
export const membersQuerySuite: BenchSuite = {
	id: 'members-query',
	title: 'Users screen search and filters at 100,000 members',
	run: runMembersQuerySuite
};

function bigGroup(): Record<string, Member> {
	const members: Record<string, Member> = {};
	for (let i = 0; i < size; i++) {
		const id = `m${String(i).padStart(6, '0')}`;
		members[id] = {
			id,
			email: `user${i}@example${i % 7}.com`,
			name: `${first[i % first.length] ?? ''} ${last[(i * 7) % last.length] ?? ''} ${i}`,
			status: i % 5 === 0 ? 'awaiting-registration' : 'active',
			roles: [],
			licenseAdmin: null,
			licenses: i % 2 === 0 ? ['designer'] : [],
			rightsGroup: null,
			modules: [],
			permissions: [],
			createdAt: 0
		};
	}
	return members;
}

function timed<T>(work: () => T): { value: T; ms: number } {
	const start = performance.now();
	const value = work();
	return { value, ms: performance.now() - start };
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const worst = (values: number[]) => Math.max(...values);

function runMembersQuerySuite(context: SuiteContext): Promise<SuiteReport> {
	context.log('members-query: building 100,000 members…');
	const members = bigGroup();
	const cold = timed(() => buildMemberIndex(members));
	const merges: number[] = [];
	let index = cold.value;
	for (let round = 0; round < 10; round++) {
		const id = `m${String(round * 997).padStart(6, '0')}`;
		const changed = {
			...index.source,
			[id]: { ...(index.source[id] as Member), name: `Renamed ${round}` }
		};
		const merged = timed(() => buildMemberIndex(changed, index));
		merges.push(merged.ms);
		index = merged.value;
	}
	const context100k: QueryContext = {
		holds: (member, product) => member.licenses.includes(product),
		touched: new Set()
	};
	const keystrokes: number[] = [];
	for (const query of ['lukas muller', 'user4242@', 'zoe', 'chloe lefevre 1', 'smith 99']) {
		const search = new MemberQuery();
		for (let length = 1; length <= query.length; length++) {
			const text = query.slice(0, length);
			keystrokes.push(timed(() => search.run(index, { ...everyone, text }, context100k)).ms);
		}
		for (let length = query.length - 1; length >= 0; length--) {
			const text = query.slice(0, length);
			keystrokes.push(timed(() => search.run(index, { ...everyone, text }, context100k)).ms);
		}
	}
	const filtered = timed(() =>
		new MemberQuery().run(
			index,
			{ ...everyone, status: 'active', product: 'designer' },
			context100k
		)
	);
	return Promise.resolve({
		status: 'ok',
		notes: [
			'Typing runs each query letter by letter, then deletes it letter by letter: growing text scans the previous result, shorter text scans the whole group.',
			'The first keystrokes include V8 warming up; the worst case is reported as measured.'
		],
		tables: [
			{
				title: 'Members query at 100,000 members',
				columns: ['measure', 'median', 'worst', 'runs'],
				rows: [
					['index, cold (keys + sort)', ms(cold.ms), ms(cold.ms), '1'],
					[
						'index, merge one changed member',
						ms(median(merges)),
						ms(worst(merges)),
						String(merges.length)
					],
					[
						'keystroke (search)',
						ms(median(keystrokes)),
						ms(worst(keystrokes)),
						String(keystrokes.length)
					],
					['status + product filter, no text', ms(filtered.ms), ms(filtered.ms), '1']
				]
			}
		],
		goals: [
			{
				name: 'users search: one keystroke at 100,000 members (median)',
				target: `< ${keystrokeBudgetMs} ms`,
				measured: `${ms(median(keystrokes))} ms (worst ${ms(worst(keystrokes))} ms)`,
				met: median(keystrokes) < keystrokeBudgetMs
			}
		],
		data: { coldMs: cold.ms, mergeMs: merges, keystrokeMs: keystrokes, filteredMs: filtered.ms }
	});
}
