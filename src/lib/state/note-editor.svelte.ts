import { NoteBinding } from '$lib/sync/note-binding.ts';
import type * as Y from 'yjs';

/**
 * The state of one open note: its text, and the caret position to restore after someone
 * else's edit arrives. The component only renders it and forwards input events.
 */
export class NoteEditor {
	readonly memberId: string;
	readonly writable: boolean;
	#text = $state('');
	#selection = $state.raw<[number, number] | undefined>(undefined);
	readonly #binding: NoteBinding;
	readonly #onClose: () => void;

	constructor(doc: Y.Doc, memberId: string, writable: boolean, onClose: () => void) {
		this.memberId = memberId;
		this.writable = writable;
		this.#onClose = onClose;
		this.#binding = new NoteBinding(doc, memberId, (text, selection) => {
			this.#text = text;
			this.#selection = selection;
		});
		this.#text = this.#binding.value;
	}

	get text(): string {
		return this.#text;
	}

	/** Where the caret should be after a remote edit (undefined: leave it alone). */
	get selection(): [number, number] | undefined {
		return this.#selection;
	}

	/** The user typed: apply the field's new value. */
	input(value: string, selectionStart: number, selectionEnd: number): void {
		if (!this.writable) return;
		this.#text = value;
		this.#binding.edit(value);
		this.#binding.rememberSelection(selectionStart, selectionEnd);
	}

	/** The caret moved without typing. */
	select(selectionStart: number, selectionEnd: number): void {
		this.#binding.rememberSelection(selectionStart, selectionEnd);
	}

	destroy(): void {
		this.#binding.destroy();
		this.#onClose();
	}
}
