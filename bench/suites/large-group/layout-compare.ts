import * as Y from 'yjs';
import { median } from '../../lib/stats.ts';
import { addMemberIntent } from './member-intents.ts';

/** One way of keeping a record of members in a Y.Doc. */
interface Layout {
	name: string;
	write: (map: Y.Map<unknown>, id: string, member: Record<string, unknown>) => void;
	/** Every value back as a plain object, as the projection needs it. */
	read: (map: Y.Map<unknown>) => number;
}

const layouts: Layout[] = [
	{
		name: 'Y.Map of JSON values (authority-doc.ts before 2026-11-22)',
		write: (map, id, member) => map.set(id, member),
		read: (map) => {
			let fields = 0;
			for (const value of map.values()) fields += Object.keys(value as object).length;
			return fields;
		}
	},
	{
		name: 'Y.Map of JSON strings (authority-doc.ts today)',
		write: (map, id, member) => map.set(id, JSON.stringify(member)),
		read: (map) => {
			let fields = 0;
			for (const value of map.values())
				fields += Object.keys(JSON.parse(value as string) as object).length;
			return fields;
		}
	},
	{
		name: 'Y.Map of nested Y.Maps',
		write: (map, id, member) => map.set(id, new Y.Map(Object.entries(member))),
		read: (map) => {
			let fields = 0;
			for (const value of map.values())
				fields += Object.keys((value as Y.Map<unknown>).toJSON()).length;
			return fields;
		}
	}
];

/** What one layout costs at the suite's size. */
export interface LayoutCost {
	layout: string;
	bytes: number;
	/** Applying the whole document to an empty Y.Doc (what loading from IndexedDB does). */
	applyMs: number;
	/** Reading every member back as a plain object. */
	readMs: number;
}

/** The member the authority writes for an invited guest (intent-newcomer.ts), by index. */
function memberOf(index: number): { id: string; member: Record<string, unknown> } {
	const intent = addMemberIntent(index, 'admin-0000', 0);
	const id = `invite-${intent.id}`;
	return {
		id,
		member: {
			id,
			email: intent.email,
			name: intent.name,
			status: 'awaiting-registration',
			roles: [],
			licenseAdmin: '0b5a8a27-8687-47ce-8017-0ef0092fe7a8',
			licenses: [],
			rightsGroup: 'guest',
			modules: [],
			permissions: [],
			createdAt: 1795334030791
		}
	};
}

/**
 * Loads `members` members in each candidate layout (in this process: the same V8 as Chromium),
 * `rounds` times, so that the README's choice rests on figures measured here.
 */
export function compareLayouts(members: number, rounds = 3): LayoutCost[] {
	const records = Array.from({ length: members }, (_, index) => memberOf(index));
	return layouts.map((layout) => {
		const source = new Y.Doc();
		const map = source.getMap<unknown>('members');
		source.transact(() => {
			for (const { id, member } of records) layout.write(map, id, member);
		});
		const update = Y.encodeStateAsUpdate(source);
		source.destroy();
		const apply: number[] = [];
		const read: number[] = [];
		for (let round = 0; round < rounds; round++) {
			const doc = new Y.Doc();
			let started = performance.now();
			Y.applyUpdate(doc, update);
			apply.push(performance.now() - started);
			started = performance.now();
			layout.read(doc.getMap('members'));
			read.push(performance.now() - started);
			doc.destroy();
		}
		return {
			layout: layout.name,
			bytes: update.byteLength,
			applyMs: median(apply),
			readMs: median(read)
		};
	});
}
