import * as v from 'valibot';
import * as Y from 'yjs';
import {
	DecisionSchema,
	DeviceSchema,
	GroupStateSchema,
	HistoryEntrySchema,
	InvoiceSchema,
	MemberSchema,
	type GroupState,
	type HistoryEntry,
	type Member,
	type Policy
} from '../domain/index.ts';
import type { SignedLedgerEvent } from './ledger-format.ts';

/**
 * The authority document's layout: written only by the server, read by every admin.
 *
 * The domain's `GroupState` is spread over a few top-level types so that a change touches only
 * what changed: the three big records (members, devices, invoices) are Y.Maps with one entry per
 * member, device or invoice, and the rest of the state sits in `group`, one JSON value per field.
 * Decisions, the ledger mirror and the history sit beside them.
 *
 * Entries of the records, decisions and history are JSON text (`authorityValue` reads them). Only
 * the server writes this document, always whole values, so nothing is lost to Yjs' merging; and
 * Yjs decodes a JSON value string by string — 15 to 20 UTF-8 decodes per member — where a text
 * is one decode and one native JSON.parse: loading 100,000 members takes about half the time
 * (bench/README.md, "Large group"), and 100,000 nested Y.Maps would take several times longer.
 * Documents written before hold plain JSON values; readers take both.
 */
const recordFields = ['members', 'devices', 'invoices'] as const;
type RecordField = (typeof recordFields)[number];
type ScalarField = Exclude<keyof GroupState, RecordField>;
const scalarFields = Object.keys(GroupStateSchema.entries).filter(
	(key): key is ScalarField => !(recordFields as readonly string[]).includes(key)
);

/** A decision as the authority records it: who proposed the intent, and when it was decided. */
export const DecisionRecordSchema = v.object({
	decision: DecisionSchema,
	author: v.string(),
	decidedAt: v.number()
});
export type DecisionRecord = v.InferOutput<typeof DecisionRecordSchema>;

/** The group's name and policy, so that a client can price and decide offline. */
export interface AuthorityMeta {
	name: string;
	policy: Policy;
}

const recordSchemas = { members: MemberSchema, devices: DeviceSchema, invoices: InvoiceSchema };

/** How the server writes a value of a record, a decision or a history entry. */
function asText(value: unknown): string {
	return JSON.stringify(value);
}

/**
 * A value of a record, a decision or a history entry as written: JSON text, or a plain value in
 * documents written before the text layout. Text that does not parse reads as `undefined`, which
 * fails every schema: reported like any other invalid value.
 */
export function authorityValue(raw: unknown): unknown {
	if (typeof raw !== 'string') return raw;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return undefined;
	}
}

export const authorityMaps = {
	members: (doc: Y.Doc) => doc.getMap<unknown>('members'),
	devices: (doc: Y.Doc) => doc.getMap<unknown>('devices'),
	invoices: (doc: Y.Doc) => doc.getMap<unknown>('invoices'),
	group: (doc: Y.Doc) => doc.getMap<unknown>('group'),
	decisions: (doc: Y.Doc) => doc.getMap<unknown>('decisions'),
	meta: (doc: Y.Doc) => doc.getMap<unknown>('meta'),
	ledger: (doc: Y.Doc) => doc.getArray<unknown>('ledger'),
	history: (doc: Y.Doc) => doc.getArray<unknown>('history')
};

/** The member map, for observers that react to member changes only. */
export function membersMap(doc: Y.Doc): Y.Map<unknown> {
	return authorityMaps.members(doc);
}

/**
 * The keys of the big records a change wrote, when its author knows them (a batch of decisions
 * does: `BatchOutcome.changes`). Every other entry must be the same object before and after.
 */
export type ChangedKeys = Partial<Record<'members' | 'devices', readonly string[]>>;

/**
 * Writes the difference between two states. The domain returns new objects only for what
 * changed (structural sharing), so comparing references finds the changed members without
 * looking inside the other 99,999. Listing them (`changed`) spares even the walk over the
 * 100,000 references, which costs tens of milliseconds per decision in a group that size.
 */
export function writeStateChange(
	doc: Y.Doc,
	before: GroupState | undefined,
	after: GroupState,
	changed: ChangedKeys = {}
): void {
	for (const field of recordFields) {
		const previous: Record<string, unknown> = before?.[field] ?? {};
		const next: Record<string, unknown> = after[field];
		const keys = field === 'invoices' || before === undefined ? undefined : changed[field];
		// The server decides in place (DecideOptions.inPlace): the same record, new entries.
		if (previous === next && keys === undefined) continue;
		writeRecordChange(authorityMaps[field](doc), previous, next, keys);
	}
	const group = authorityMaps.group(doc);
	for (const field of scalarFields) {
		if (before?.[field] !== after[field]) group.set(field, after[field]);
	}
}

/** Writes one record's changed entries: those listed in `keys`, or all that differ. */
function writeRecordChange(
	map: Y.Map<unknown>,
	previous: Record<string, unknown>,
	next: Record<string, unknown>,
	keys: readonly string[] | undefined
): void {
	if (keys === undefined) {
		for (const [key, value] of Object.entries(next))
			if (previous[key] !== value) map.set(key, asText(value));
		for (const key of Object.keys(previous)) if (!(key in next)) map.delete(key);
		return;
	}
	// Compared with the document, not `previous`: after an in-place decision both are one record.
	for (const key of keys) {
		if (key in next) {
			const text = asText(next[key]);
			if (map.get(key) !== text) map.set(key, text);
		} else if (map.has(key)) map.delete(key);
	}
}

/** Records decisions, history and verified ledger events in the document. */
export function writeOutcome(
	doc: Y.Doc,
	outcome: {
		decisions?: readonly DecisionRecord[];
		history?: readonly HistoryEntry[];
		ledger?: readonly SignedLedgerEvent[];
	}
): void {
	const decisions = authorityMaps.decisions(doc);
	for (const record of outcome.decisions ?? [])
		decisions.set(record.decision.intentId, asText(record));
	if (outcome.history?.length) authorityMaps.history(doc).push(outcome.history.map(asText));
	if (outcome.ledger?.length) authorityMaps.ledger(doc).push([...outcome.ledger]);
}

export function writeMeta(doc: Y.Doc, meta: AuthorityMeta): void {
	const map = authorityMaps.meta(doc);
	if (map.get('name') !== meta.name) map.set('name', meta.name);
	if (JSON.stringify(map.get('policy')) !== JSON.stringify(meta.policy))
		map.set('policy', meta.policy);
}

/** What was read, and what was skipped because it failed its schema (reported, never trusted). */
export interface AuthorityRead {
	state: GroupState | undefined;
	invalid: string[];
}

/**
 * Reads the state back. Records are checked entry by entry, so one bad member costs that
 * member, not the group; the rest is checked as a whole.
 */
export function readState(doc: Y.Doc): AuthorityRead {
	const invalid: string[] = [];
	const draft: Record<string, unknown> = {};
	for (const field of recordFields) {
		const record: Record<string, unknown> = {};
		for (const [key, raw] of authorityMaps[field](doc)) {
			const value = authorityValue(raw);
			if (v.is(recordSchemas[field], value)) record[key] = value;
			else invalid.push(`${field}.${key}`);
		}
		draft[field] = record;
	}
	const group = authorityMaps.group(doc);
	if (group.size === 0) return { state: undefined, invalid };
	for (const field of scalarFields) draft[field] = group.get(field);
	const parsed = v.safeParse(GroupStateSchema, draft);
	if (!parsed.success) return { state: undefined, invalid: [...invalid, 'group'] };
	return { state: parsed.output, invalid };
}

/** Every member, in no particular order (schema-checked). */
export function readMembers(doc: Y.Doc): { members: Member[]; invalid: number } {
	const members: Member[] = [];
	let invalid = 0;
	for (const raw of membersMap(doc).values()) {
		const value = authorityValue(raw);
		if (v.is(MemberSchema, value)) members.push(value);
		else invalid++;
	}
	return { members, invalid };
}

export function readDecisions(doc: Y.Doc): Map<string, DecisionRecord> {
	const out = new Map<string, DecisionRecord>();
	for (const [key, raw] of authorityMaps.decisions(doc)) {
		const value = authorityValue(raw);
		if (v.is(DecisionRecordSchema, value)) out.set(key, value);
	}
	return out;
}

export function readHistory(doc: Y.Doc): HistoryEntry[] {
	return authorityMaps
		.history(doc)
		.toArray()
		.map(authorityValue)
		.filter((entry) => v.is(HistoryEntrySchema, entry));
}

/** The ledger mirror as stored; verify it (ledger-verify.ts) before trusting it. */
export function readLedgerMirror(doc: Y.Doc): unknown[] {
	return authorityMaps.ledger(doc).toArray();
}

export function readMeta(doc: Y.Doc): Partial<AuthorityMeta> {
	const meta = authorityMaps.meta(doc);
	const name = meta.get('name');
	return {
		...(typeof name === 'string' ? { name } : {}),
		...(meta.has('policy') ? { policy: meta.get('policy') as Policy } : {})
	};
}
