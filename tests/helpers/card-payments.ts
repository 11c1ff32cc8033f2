import { randomUUID } from 'node:crypto';
import type { Invoice } from '../../src/lib/domain/index.ts';
import type { ApiClient, ErrorBody } from './billing-api.ts';

/** What `POST …/card-payment` answers. */
export interface Receipt {
	invoiceId: string;
	payment: { amount: number; method: string; brand: string; last4: string; reference: string };
	invoice: Invoice;
	lock: unknown;
	ledger: { seq: number; type: string }[];
}

export const visa = {
	number: '4242 4242 4242 4242',
	expiry: '12/34',
	cvc: '123',
	name: 'Olivia Owner'
};
export const declinedCard = { ...visa, number: '4000 0000 0000 0002' };
export const noFunds = { ...visa, number: '4000 0000 0000 9995' };

/** `POST …/card-payment` with a fresh (or the given) idempotency key. */
export function payByCard(
	client: ApiClient,
	groupId: string,
	invoiceId: string,
	body: { amount: number; card: typeof visa },
	key: string = randomUUID()
) {
	return client.post<Receipt & ErrorBody>(
		`/api/groups/${groupId}/invoices/${invoiceId}/card-payment`,
		body,
		{ 'idempotency-key': key }
	);
}
