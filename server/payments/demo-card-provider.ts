import { createHash } from 'node:crypto';
import { checkCard, dateOfInstant } from '../../src/lib/domain/index.ts';
import type { Clock } from '../clock.ts';
import type {
	ChargeRequest,
	ChargeResult,
	DeclineCode,
	PaymentProvider,
	TestCards
} from './payment-provider.ts';

/**
 * Test numbers the demo provider refuses, as card processors' test modes do (Stripe uses the same
 * numbers): any other valid, unexpired number is charged.
 */
export const demoDeclines: Readonly<Record<string, DeclineCode>> = {
	'4000000000000002': 'card.declined',
	'4000000000009995': 'card.insufficient-funds'
};

/** The fields in the order a form shows them: the first refused one is reported. */
const fields = ['number', 'expiry', 'cvc', 'name'] as const;

/** How many idempotency keys the demo provider remembers. */
const rememberedKeys = 10_000;

/** One charge the demo provider made (its "dashboard"; tests count them). */
export interface DemoCharge {
	reference: string;
	amount: number;
	currency: string;
	brand: string;
	last4: string;
	description: string;
	at: number;
}

/**
 * A card processor in test mode, in memory: no money moves and nothing leaves the machine. It
 * checks the card like a processor (Luhn and length for the brand, expiry against the server's
 * clock, CVC, name) and answers each field's code; declines the documented test numbers; and
 * charges any other card once per idempotency key (a retry with the key gets the first answer).
 * It never keeps a card number: only brand, last four digits and the reference.
 */
export class DemoCardProvider implements PaymentProvider {
	readonly name = 'demo';
	readonly testMode = true;
	readonly testCards: TestCards = {
		succeeds: '4242 4242 4242 4242',
		declined: '4000 0000 0000 0002',
		insufficientFunds: '4000 0000 0000 9995'
	};
	readonly #clock: Clock;
	readonly #answers = new Map<string, ChargeResult>();
	readonly #charges: DemoCharge[] = [];

	constructor(clock: Clock) {
		this.#clock = clock;
	}

	/** Every successful charge, oldest first. */
	get charges(): readonly DemoCharge[] {
		return this.#charges;
	}

	charge(request: ChargeRequest): Promise<ChargeResult> {
		const earlier = this.#answers.get(request.idempotencyKey);
		if (earlier) return Promise.resolve(earlier);
		const answer = this.#decide(request);
		this.#answers.set(request.idempotencyKey, answer);
		// Like a processor's, keys are remembered for a while, not forever.
		if (this.#answers.size > rememberedKeys) {
			const oldest = this.#answers.keys().next().value;
			if (oldest !== undefined) this.#answers.delete(oldest);
		}
		return Promise.resolve(answer);
	}

	#decide(request: ChargeRequest): ChargeResult {
		const now = this.#clock.now();
		const checked = checkCard(request.card, dateOfInstant(now));
		if (!checked.ok) {
			const field = fields.find((name) => checked.errors[name] !== undefined) ?? 'number';
			return { status: 'declined', code: checked.errors[field] ?? 'card.number-invalid', field };
		}
		const card = checked.card;
		const declined = demoDeclines[card.number];
		if (declined) return { status: 'declined', code: declined };
		const reference = `demo_ch_${createHash('sha256').update(request.idempotencyKey).digest('hex').slice(0, 24)}`;
		this.#charges.push({
			reference,
			amount: request.amount,
			currency: request.currency,
			brand: card.brand,
			last4: card.last4,
			description: request.description,
			at: now
		});
		return {
			status: 'succeeded',
			providerReference: reference,
			brand: card.brand,
			last4: card.last4
		};
	}
}
