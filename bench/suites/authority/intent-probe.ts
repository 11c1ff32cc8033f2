import type * as Y from 'yjs';
import { authorityMaps, authorityValue } from '../../../src/lib/sync/authority-doc.ts';
import { noteOf, proposeIntent } from '../../../src/lib/sync/workspace-doc.ts';
import { benchProduct } from './authority-fixture.ts';
import { DocClient } from './doc-client.ts';

/**
 * One group as an admin's browser sees it: its workspace (where intents are proposed and notes
 * typed) and its authority document (where decisions appear). It times each intent from the
 * moment it is written into the workspace to the moment its decision is applied here.
 */
export class IntentProbe {
	readonly #workspace: DocClient;
	readonly #authority: DocClient;
	readonly #groupId: string;
	readonly #sent = new Map<string, { at: number; measured: boolean }>();
	readonly #waiters = new Map<string, () => void>();
	readonly latencies: number[] = [];
	rejected = 0;
	#count = 0;

	constructor(socketUrl: string, groupId: string, headers: Record<string, string>) {
		this.#groupId = groupId;
		this.#workspace = new DocClient(`${socketUrl}/sync/${groupId}`, headers);
		this.#authority = new DocClient(`${socketUrl}/sync/${groupId}/authority`, headers);
		authorityMaps.decisions(this.#authority.doc).observe(this.#onDecisions);
	}

	get synced(): Promise<unknown> {
		return Promise.all([this.#workspace.synced, this.#authority.synced]);
	}

	/** Intents proposed and not decided yet. */
	get outstanding(): number {
		return this.#sent.size;
	}

	/** Proposes "give a license" to a new address; `measured` says whether it counts. */
	propose(measured: boolean): string {
		const id = `bench-${this.#groupId}-${++this.#count}-${Date.now()}`;
		this.#sent.set(id, { at: performance.now(), measured });
		proposeIntent(
			this.#workspace.doc,
			{
				id,
				kind: 'assign-license',
				author: 'bench',
				createdAt: Date.now(),
				product: benchProduct,
				target: { by: 'email', email: `${id}@bench.example`, name: 'Bench Holder' }
			},
			'bench'
		);
		return id;
	}

	/** Proposes one unmeasured intent and waits for its decision (loads the group's authority). */
	async warmUp(timeoutMs: number): Promise<void> {
		const id = this.propose(false);
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => {
				reject(new Error(`${this.#groupId}: no decision within ${timeoutMs} ms`));
			}, timeoutMs);
			this.#waiters.set(id, () => {
				clearTimeout(timer);
				resolve();
			});
		});
	}

	/** Types into a note, as an admin annotating a member does (load, not measured). */
	edit(text: string): void {
		const note = noteOf(this.#workspace.doc, 'bench-note');
		note.insert(note.length, text);
	}

	close(): void {
		this.#workspace.close();
		this.#authority.close();
	}

	readonly #onDecisions = (event: Y.YMapEvent<unknown>): void => {
		const decidedAt = performance.now();
		for (const id of event.keysChanged as Set<string>) {
			const sent = this.#sent.get(id);
			if (!sent) continue;
			this.#sent.delete(id);
			if (sent.measured) this.latencies.push(decidedAt - sent.at);
			const record = authorityValue(event.target.get(id)) as
				{ decision?: { outcome?: string } } | undefined;
			if (record?.decision?.outcome !== 'accepted') this.rejected++;
			this.#waiters.get(id)?.();
			this.#waiters.delete(id);
		}
	};
}
