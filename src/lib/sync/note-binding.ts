import * as Y from 'yjs';
import { editNote, noteOf } from './workspace-doc.ts';

/** The origin of edits typed in this tab. */
export const localEdit = { kind: 'local-edit' } as const;

/**
 * Binds one member's note to a text field: applies the field's edits as minimal Yjs changes,
 * and keeps the caret where the user left it when someone else's edit arrives (through Yjs
 * relative positions, which follow the text rather than an index).
 */
export class NoteBinding {
	readonly #doc: Y.Doc;
	readonly #text: Y.Text;
	readonly #memberId: string;
	#anchor: Y.RelativePosition | undefined;
	#head: Y.RelativePosition | undefined;
	readonly #observer: (event: Y.YTextEvent) => void;

	constructor(
		doc: Y.Doc,
		memberId: string,
		onRemote: (text: string, selection: [number, number] | undefined) => void
	) {
		this.#doc = doc;
		this.#memberId = memberId;
		this.#text = noteOf(doc, memberId);
		this.#observer = (event) => {
			if (event.transaction.origin === localEdit) return;
			onRemote(this.#text.toJSON(), this.#restoreSelection());
		};
		this.#text.observe(this.#observer);
	}

	get value(): string {
		return this.#text.toJSON();
	}

	/** Applies what the field now holds. */
	edit(value: string): void {
		editNote(this.#doc, this.#memberId, value, localEdit);
	}

	/** Remembers the field's selection so that it survives remote edits. */
	rememberSelection(start: number, end: number): void {
		this.#anchor = Y.createRelativePositionFromTypeIndex(this.#text, start);
		this.#head = Y.createRelativePositionFromTypeIndex(this.#text, end);
	}

	destroy(): void {
		this.#text.unobserve(this.#observer);
	}

	#restoreSelection(): [number, number] | undefined {
		if (!this.#anchor || !this.#head) return undefined;
		const anchor = Y.createAbsolutePositionFromRelativePosition(this.#anchor, this.#doc);
		const head = Y.createAbsolutePositionFromRelativePosition(this.#head, this.#doc);
		if (!anchor || !head) return undefined;
		return [anchor.index, head.index];
	}
}
