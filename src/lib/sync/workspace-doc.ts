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

/** Intents proposed by admins: intent id → the intent as plain JSON (untrusted until decided). */
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
		intentsMap(doc).set(intent.id, intent);
	}, origin);
}

/** One intent as written, with the Yjs client id that wrote it (to know its author). */
export interface WrittenIntent {
	id: string;
	value: unknown;
	clientId: number | undefined;
}

/** The intent under a key, with its writer's client id. */
export function readIntent(doc: Y.Doc, id: string): WrittenIntent | undefined {
	const map = intentsMap(doc);
	if (!map.has(id)) return undefined;
	// The map's item for a key records which client wrote the current value.
	const item = map._map.get(id);
	return { id, value: map.get(id), clientId: item?.id.client };
}
