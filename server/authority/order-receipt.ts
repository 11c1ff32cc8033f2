import type {
	GroupState,
	Invoice,
	LedgerPayload,
	LedgerPayloadOf,
	Quote
} from '../../src/lib/domain/index.ts';
import type { SignedLedgerEvent } from '../../src/lib/sync/ledger-format.ts';
import type { AuthoritySigner } from './authority-signer.ts';

/** What a license key says (P8): signed, so that it is checked offline with the published keys. */
export interface LicenseKeyPayload {
	v: 1;
	groupId: string;
	keyId: string;
	seats: Record<string, number>;
	packs: Record<string, number>;
	expiry: string;
	issuedAt: number;
	promisedBy: string;
	/** The ledger event that issued it, so the key can be matched to the signed ledger. */
	ledgerSeq: number;
}

/** The answer to an accepted order, stored under its idempotency key and replayed as it is. */
export interface OrderReceipt {
	groupId: string;
	/** Null for a reduction, which is not an order of anything. */
	orderId: string | null;
	invoiceId: string | null;
	/** The quote that was charged (the same function as the browser's preview). */
	quote: Quote;
	invoice: Invoice | null;
	/** `license-key.<keyId>.<payload>.<signature>`; verify with `verifyToken(…, 'license-key', keys)`. */
	licenseKey: { token: string; payload: LicenseKeyPayload } | null;
	/** The signed ledger events the order appended, in order. */
	ledger: { seq: number; type: LedgerPayload['type'] }[];
}

/** A payload with the sequence number it was signed under. */
interface Appended {
	payload: LedgerPayload;
	seq: number;
}

/** Pairs each payload with its signed event (`payloads[i]` was signed as `signed[i]`). */
function appended(
	payloads: readonly LedgerPayload[],
	signed: readonly SignedLedgerEvent[]
): Appended[] {
	if (payloads.length !== signed.length) throw new Error('signed events do not match payloads');
	return payloads.map((payload, index) => ({ payload, seq: signed[index]?.seq ?? 0 }));
}

/** The appended event of one type. */
function find<T extends LedgerPayload['type']>(
	events: readonly Appended[],
	type: T
): { payload: LedgerPayloadOf<T>; seq: number } | undefined {
	const event = events.find((entry) => entry.payload.type === type);
	return event && { payload: event.payload as LedgerPayloadOf<T>, seq: event.seq };
}

/**
 * Builds the receipt of an order from its signed events, signing the license key with the same data as its `license-key.issued` event.
 */
export function orderReceipt(
	signer: AuthoritySigner,
	next: GroupState,
	quote: Quote,
	payloads: readonly LedgerPayload[],
	signed: readonly SignedLedgerEvent[]
): OrderReceipt {
	const events = appended(payloads, signed);
	const order = find(events, 'order.placed');
	const issued = find(events, 'license-key.issued');
	const invoiceId = order?.payload.invoiceId ?? null;
	let licenseKey: OrderReceipt['licenseKey'] = null;
	if (issued) {
		const { groupId, keyId, seats, packs, expiry, at, promisedBy } = issued.payload;
		const payload: LicenseKeyPayload = {
			v: 1,
			groupId,
			keyId,
			seats,
			packs,
			expiry,
			issuedAt: at,
			promisedBy,
			ledgerSeq: issued.seq
		};
		licenseKey = { token: signer.signToken('license-key', payload), payload };
	}
	return {
		groupId: next.groupId,
		orderId: order?.payload.orderId ?? null,
		invoiceId,
		quote,
		invoice: invoiceId === null ? null : (next.invoices[invoiceId] ?? null),
		licenseKey,
		ledger: events.map(({ payload, seq }) => ({ seq, type: payload.type }))
	};
}
