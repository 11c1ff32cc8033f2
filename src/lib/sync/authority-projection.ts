import * as v from 'valibot';
import type * as Y from 'yjs';
import {
	DeviceSchema,
	GroupStateSchema,
	HistoryEntrySchema,
	InvoiceSchema,
	MemberSchema,
	type GroupState,
	type HistoryEntry
} from '../domain/index.ts';
import {
	authorityMaps,
	authorityValue,
	DecisionRecordSchema,
	readMeta,
	type AuthorityMeta,
	type DecisionRecord
} from './authority-doc.ts';

const recordFields = ['members', 'devices', 'invoices'] as const;
type RecordField = (typeof recordFields)[number];
type TypeKind = RecordField | 'group' | 'decisions' | 'history' | 'ledger' | 'meta';
const recordSchemas = { members: MemberSchema, devices: DeviceSchema, invoices: InvoiceSchema };
const ScalarsSchema = v.object(
	Object.fromEntries(
		Object.entries(GroupStateSchema.entries).filter(
			([key]) => !(recordFields as readonly string[]).includes(key)
		)
	)
);

/** What changed in a transaction, so that a screen recomputes only what it shows. */
export type ProjectionPart = 'state' | 'decisions' | 'history' | 'ledger' | 'meta';

/**
 * The authority document as plain, schema-checked values, kept up to date incrementally: a
 * change to one member re-checks that member only, so a group of 100,000 members stays cheap
 * to follow. Values that fail their schema are skipped and counted, never trusted.
 */
export class AuthorityProjection {
	readonly #doc: Y.Doc;
	/** The valid entries of each record, and the plain object last built from them. */
	readonly #entries: Record<RecordField, Map<string, unknown>> = {
		members: new Map(),
		devices: new Map(),
		invoices: new Map()
	};
	readonly #records: Record<RecordField, Record<string, unknown>> = {
		members: {},
		devices: {},
		invoices: {}
	};
	/** Which top-level type is which, to route a transaction's changes. */
	readonly #types: Map<unknown, TypeKind>;
	#scalars: Record<string, unknown> | undefined;
	#state: GroupState | undefined;
	#decisions = new Map<string, DecisionRecord>();
	#history: HistoryEntry[] = [];
	/** How many history items were read, and the last of them as stored (see `#readHistory`). */
	#historyRead = 0;
	#lastHistoryItem: unknown = undefined;
	#ledger: unknown[] = [];
	#meta: Partial<AuthorityMeta> = {};
	readonly #invalid = new Set<string>();
	readonly #listeners = new Set<(parts: ReadonlySet<ProjectionPart>) => void>();
	readonly #onTransaction: (transaction: Y.Transaction) => void;

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		this.#types = new Map<unknown, TypeKind>(
			(Object.keys(authorityMaps) as TypeKind[]).map((kind) => [authorityMaps[kind](doc), kind])
		);
		this.#loadAll();
		this.#onTransaction = (transaction) => {
			const parts = this.#apply(transaction);
			if (parts.size === 0) return;
			for (const listener of this.#listeners) listener(parts);
		};
		doc.on('afterTransaction', this.#onTransaction);
	}

	/** The decided state, or undefined until the group has one. */
	get state(): GroupState | undefined {
		return this.#state;
	}

	get decisions(): ReadonlyMap<string, DecisionRecord> {
		return this.#decisions;
	}

	get history(): readonly HistoryEntry[] {
		return this.#history;
	}

	/** The ledger mirror as stored: verify before trusting (ledger-verify.ts). */
	get ledger(): readonly unknown[] {
		return this.#ledger;
	}

	get meta(): Partial<AuthorityMeta> {
		return this.#meta;
	}

	/** Keys of values that failed their schema (`members.<id>`, `group` …). */
	get invalid(): ReadonlySet<string> {
		return this.#invalid;
	}

	onChange(listener: (parts: ReadonlySet<ProjectionPart>) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	destroy(): void {
		this.#doc.off('afterTransaction', this.#onTransaction);
		this.#listeners.clear();
	}

	#loadAll(): void {
		for (const field of recordFields) {
			for (const key of authorityMaps[field](this.#doc).keys()) this.#readRecordEntry(field, key);
			this.#records[field] = Object.fromEntries(this.#entries[field]);
		}
		this.#readScalars();
		this.#rebuildState();
		for (const key of authorityMaps.decisions(this.#doc).keys()) this.#readDecision(key);
		this.#readHistory();
		this.#ledger = authorityMaps.ledger(this.#doc).toArray();
		this.#meta = readMeta(this.#doc);
	}

	#apply(transaction: Y.Transaction): Set<ProjectionPart> {
		const parts = new Set<ProjectionPart>();
		for (const [type, keys] of transaction.changed) {
			const kind = this.#types.get(type);
			if (kind === 'members' || kind === 'devices' || kind === 'invoices') {
				for (const key of keys) if (key !== null) this.#readRecordEntry(kind, key);
				this.#records[kind] = Object.fromEntries(this.#entries[kind]);
				parts.add('state');
			} else if (kind === 'group') {
				this.#readScalars();
				parts.add('state');
			} else if (kind === 'decisions') {
				this.#decisions = new Map(this.#decisions);
				for (const key of keys) if (key !== null) this.#readDecision(key);
				parts.add('decisions');
			} else if (kind !== undefined) {
				this.#readList(kind);
				parts.add(kind);
			}
		}
		if (parts.has('state')) this.#rebuildState();
		return parts;
	}

	#readList(kind: 'history' | 'ledger' | 'meta'): void {
		if (kind === 'history') this.#readHistory();
		else if (kind === 'ledger') this.#ledger = authorityMaps.ledger(this.#doc).toArray();
		else this.#meta = readMeta(this.#doc);
	}

	/**
	 * The server only appends to the history, so a change reads the new entries alone (100,000
	 * entries re-read on every decision would cost a large group's screen ~100 ms each time).
	 * Anything but an append — the last item read is no longer where it was — reads it all.
	 */
	#readHistory(): void {
		const list = authorityMaps.history(this.#doc);
		const read = this.#historyRead;
		const appended =
			read > 0 && list.length >= read && list.get(read - 1) === this.#lastHistoryItem;
		const fresh = appended ? list.slice(read) : list.toArray();
		this.#history = appended ? [...this.#history, ...readValid(fresh)] : readValid(fresh);
		this.#historyRead = list.length;
		this.#lastHistoryItem = list.length > 0 ? list.get(list.length - 1) : undefined;
	}

	#readRecordEntry(field: RecordField, key: string): void {
		const raw = authorityMaps[field](this.#doc).get(key);
		const value = authorityValue(raw);
		const label = `${field}.${key}`;
		if (v.is(recordSchemas[field], value)) {
			this.#entries[field].set(key, value);
			this.#invalid.delete(label);
		} else {
			this.#entries[field].delete(key);
			// Absent (deleted) is not invalid; text that does not parse is.
			if (raw === undefined) this.#invalid.delete(label);
			else this.#invalid.add(label);
		}
	}

	#readScalars(): void {
		const group = authorityMaps.group(this.#doc);
		if (group.size === 0) {
			this.#scalars = undefined;
			return;
		}
		const parsed = v.safeParse(ScalarsSchema, Object.fromEntries(group.entries()));
		this.#scalars = parsed.success ? parsed.output : undefined;
		if (parsed.success) this.#invalid.delete('group');
		else this.#invalid.add('group');
	}

	#readDecision(key: string): void {
		const value = authorityValue(authorityMaps.decisions(this.#doc).get(key));
		if (v.is(DecisionRecordSchema, value)) this.#decisions.set(key, value);
		else this.#decisions.delete(key);
	}

	#rebuildState(): void {
		this.#state = this.#scalars
			? ({ ...this.#scalars, ...this.#records } as unknown as GroupState)
			: undefined;
	}
}

function readValid(entries: unknown[]): HistoryEntry[] {
	const valid: HistoryEntry[] = [];
	for (const raw of entries) {
		const entry = authorityValue(raw);
		if (v.is(HistoryEntrySchema, entry)) valid.push(entry);
	}
	return valid;
}
