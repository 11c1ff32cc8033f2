import type * as Y from 'yjs';

/**
 * The workspace document's layout: what admins write, online or offline, and what merges.
 *
 * Notes are one top-level Y.Text per member. Top-level types are identified by name, so two
 * admins who start the same member's first note offline edit one text and both keep their
 * words; a Y.Map of Y.Texts would keep only one of the two new texts.
 */
export function noteOf(doc: Y.Doc, memberId: string): Y.Text {
	return doc.getText(`note:${memberId}`);
}

/**
 * Replaces a note's text with the smallest edit (common prefix and suffix kept), so that a
 * concurrent edit elsewhere in the same note survives the merge.
 */
export function editNote(doc: Y.Doc, memberId: string, next: string, origin: unknown): void {
	const text = noteOf(doc, memberId);
	const current = text.toJSON();
	if (current === next) return;
	let start = 0;
	while (start < current.length && start < next.length && current[start] === next[start]) start++;
	let end = 0;
	const maxEnd = Math.min(current.length, next.length) - start;
	while (end < maxEnd && current[current.length - 1 - end] === next[next.length - 1 - end]) end++;
	doc.transact(() => {
		const removed = current.length - start - end;
		if (removed > 0) text.delete(start, removed);
		const inserted = next.slice(start, next.length - end);
		if (inserted.length > 0) text.insert(start, inserted);
	}, origin);
}

const notePrefix = 'note:';

/** Every note with text, by member id. */
export function readNotes(doc: Y.Doc): Record<string, string> {
	const notes: Record<string, string> = {};
	for (const name of doc.share.keys()) {
		if (!name.startsWith(notePrefix)) continue;
		const text = doc.getText(name).toJSON();
		if (text) notes[name.slice(notePrefix.length)] = text;
	}
	return notes;
}

/**
 * Calls `onChange` with the member ids whose note changed in each transaction, local or remote.
 * Returns the unsubscribe.
 */
export function observeNotes(doc: Y.Doc, onChange: (memberIds: string[]) => void): () => void {
	const handler = (transaction: Y.Transaction) => {
		const changed = new Set<unknown>(transaction.changed.keys());
		const ids: string[] = [];
		for (const [name, type] of doc.share) {
			if (name.startsWith(notePrefix) && changed.has(type)) ids.push(name.slice(notePrefix.length));
		}
		if (ids.length > 0) onChange(ids);
	};
	doc.on('afterTransaction', handler);
	return () => {
		doc.off('afterTransaction', handler);
	};
}

/**
 * Intents proposed by admins, oldest first, as plain JSON (untrusted until decided). The server
 * deletes an intent once it is decided, so the log holds only what is pending. A Y.Array, not
 * a map by id: the deleted items of an array merge into ranges, where every deleted map key
 * stays a tombstone — 100,000 imported people left 4.8 MB of them in each copy of the workspace.
 */
export function intentLog(doc: Y.Doc): Y.Array<unknown> {
	return doc.getArray('intentLog');
}

/** Intents of workspaces written before the log: intent id → intent (read, pruned, not written). */
export function intentsMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap('intents');
}

/** Proposes an intent (offline or online); the authority decides it later. */
export function proposeIntent(
	doc: Y.Doc,
	intent: { id: string; [field: string]: unknown },
	origin: unknown
): void {
	doc.transact(() => {
		intentLog(doc).push([intent]);
	}, origin);
}

/** One intent as written, with the Yjs client id that wrote it (to know its author). */
export interface WrittenIntent {
	id: string;
	value: unknown;
	clientId: number;
}

/** The id an intent value claims, if it is a string. */
export function intentIdOf(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const id = (value as { id?: unknown }).id;
	return typeof id === 'string' ? id : undefined;
}

/**
 * Every intent in the workspace by id, with the client id of its writer (the server vouches for
 * the author from it). The log's first value with an id wins; an id given again is ignored.
 */
export function writtenIntents(doc: Y.Doc): Map<string, WrittenIntent> {
	const written = new Map<string, WrittenIntent>();
	for (const [id, item] of intentsMap(doc)._map) {
		if (item.deleted) continue;
		const values = item.content.getContent();
		written.set(id, { id, value: values[values.length - 1], clientId: item.id.client });
	}
	// Items, not values: an item records its writer, and one item may hold several values.
	for (let item = intentLog(doc)._start; item !== null; item = item.right) {
		if (item.deleted || !item.countable) continue;
		for (const value of item.content.getContent()) {
			const id = intentIdOf(value);
			if (id !== undefined && !written.has(id))
				written.set(id, { id, value, clientId: item.id.client });
		}
	}
	return written;
}

/**
 * Deletes intents by id from both layouts, and values of the log that claim no id (nothing can
 * decide them). Consecutive log entries go in one deletion, the last ones first so that the
 * earlier indices stay right.
 */
export function deleteIntents(doc: Y.Doc, ids: ReadonlySet<string>): void {
	const map = intentsMap(doc);
	for (const id of ids) if (map.has(id)) map.delete(id);
	const ranges: { start: number; length: number }[] = [];
	intentLog(doc).forEach((value, index) => {
		const id = intentIdOf(value);
		if (id !== undefined && !ids.has(id)) return;
		const last = ranges[ranges.length - 1];
		if (last && last.start + last.length === index) last.length += 1;
		else ranges.push({ start: index, length: 1 });
	});
	for (let i = ranges.length - 1; i >= 0; i -= 1) {
		const range = ranges[i];
		if (range) intentLog(doc).delete(range.start, range.length);
	}
}

/** Calls `onAdded` with the ids of intents each transaction adds, in either layout. */
export function observeIntents(doc: Y.Doc, onAdded: (ids: string[]) => void): () => void {
	const map = intentsMap(doc);
	const log = intentLog(doc);
	const onMap = (event: Y.YMapEvent<unknown>) => {
		const added = [...event.changes.keys]
			.filter(([, change]) => change.action !== 'delete')
			.map(([id]) => id);
		if (added.length > 0) onAdded(added);
	};
	const onLog = (event: Y.YArrayEvent<unknown>) => {
		const added: string[] = [];
		for (const item of event.changes.added) {
			if (item.deleted) continue;
			for (const value of item.content.getContent()) {
				const id = intentIdOf(value);
				if (id !== undefined) added.push(id);
			}
		}
		if (added.length > 0) onAdded(added);
	};
	map.observe(onMap);
	log.observe(onLog);
	return () => {
		map.unobserve(onMap);
		log.unobserve(onLog);
	};
}
