import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { advanceClock } from '../../src/lib/domain/clock-advance.ts';
import { DecisionSchema } from '../../src/lib/domain/decision-schema.ts';
import { EmailNoticeSchema } from '../../src/lib/domain/email-notices.ts';
import { groupView } from '../../src/lib/domain/group-view.ts';
import { HistoryEntrySchema } from '../../src/lib/domain/history-entries.ts';
import { decideIntents } from '../../src/lib/domain/intent-decide.ts';
import { IntentSchema } from '../../src/lib/domain/intent-schema.ts';
import { LedgerPayloadSchema } from '../../src/lib/domain/ledger-schema.ts';
import { placeOrder } from '../../src/lib/domain/order-place.ts';
import { recordPayment } from '../../src/lib/domain/payment-record.ts';
import { quote } from '../../src/lib/domain/pricing-quote.ts';
import { parseGroupState } from '../../src/lib/domain/state-parse.ts';
import { at, owner, unwrap } from './fixtures.ts';
import { intentFrom, people, preset, presetIds, stepTime, world } from './property-worlds.ts';

/** A JSON round trip. */
function viaJson(value: unknown): unknown {
	return JSON.parse(JSON.stringify(value)) as unknown;
}

describe('everything is plain JSON and matches its schema', () => {
	it('H1 state, intents, decisions, ledger payloads, e-mails, history, quotes and views survive JSON and parse', () => {
		for (const id of presetIds) {
			const policy = preset(id);
			const start = world(policy, 3);
			const intents = Array.from({ length: 14 }, (_, k) =>
				intentFrom(policy, [k, k % people.length, k % 4, k % 2 === 0, k % 5], `i${k}`)
			);
			const batch = decideIntents(start, intents, policy, stepTime(3));
			const product =
				policy.products[policy.licenseModel.kind === 'module-access' ? 1 : 0]?.id ?? '';
			const newTotal =
				policy.licenseModel.kind === 'module-access'
					? 1
					: (batch.state.holdings[product]?.seats ?? 0) + 1;
			const order = unwrap(
				placeOrder(
					batch.state,
					policy,
					{ kind: 'set-seats', product, newTotal },
					owner,
					stepTime(8)
				)
			);
			const invoice = Object.values(order.state.invoices).at(-1);
			const paid =
				invoice === undefined
					? null
					: recordPayment(
							order.state,
							policy,
							{
								invoiceId: invoice.id,
								amount: invoice.amount,
								method: policy.payment.below[0] ?? 'card'
							},
							{ ...owner, operator: true },
							stepTime(9)
						);
			const state = paid?.ok === true ? paid.value.state : order.state;
			const clocked = unwrap(advanceClock(state, policy, at('2027-03-01')));
			const all = { batch, order, clocked };
			expect(viaJson(all)).toStrictEqual(all);
			expect(parseGroupState(viaJson(clocked.state))).toEqual({ ok: true, value: clocked.state });
			for (const intent of intents) expect(v.is(IntentSchema, intent)).toBe(true);
			for (const decision of batch.decisions)
				expect(v.parse(DecisionSchema, decision)).toStrictEqual(decision);
			const events = [...batch.events, ...order.events, ...clocked.events];
			for (const event of events) expect(v.parse(LedgerPayloadSchema, event)).toStrictEqual(event);
			for (const email of [...batch.emails, ...order.emails, ...clocked.emails])
				expect(v.is(EmailNoticeSchema, email)).toBe(true);
			for (const entry of [...batch.history, ...order.history, ...clocked.history])
				expect(v.is(HistoryEntrySchema, entry)).toBe(true);
			const priced = quote(
				clocked.state,
				policy,
				{ kind: 'set-seats', product: policy.products[0]?.id ?? '', newTotal: 9 },
				at('2027-03-02')
			);
			expect(viaJson(priced)).toStrictEqual(priced);
			const view = groupView(clocked.state, events, policy, at('2027-03-02'));
			expect(viaJson(view)).toStrictEqual(view);
		}
	});
});
