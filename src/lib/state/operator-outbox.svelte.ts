import { api } from '$lib/api/api-client.ts';
import { problemOf, type Problem } from './account-problem.ts';

/** Where an e-mail stands (server/http/outbox-routes.ts). */
export type OutboxStatus = 'pending' | 'sent' | 'kept' | 'retrying' | 'failed';

/** An e-mail of the outbox, as rendered for its reader (null fields: not rendered yet). */
export interface OutboxEmail {
	id: number;
	groupId: string | null;
	kind: string;
	recipient: { role: string; memberId: string | null; email: string | null };
	status: OutboxStatus;
	to: string | null;
	language: string | null;
	subject: string | null;
	text: string | null;
	createdAt: number;
	sentAt: number | null;
	keptAt: number | null;
	attempts: number;
	lastError: string | null;
	nextAttemptAt: number | null;
}

/** How many e-mails the screen reads at once, newest first. */
const limit = 500;

/**
 * The e-mail outbox for the vendor's desk (`GET /api/operator/outbox`): every e-mail Tessera
 * wrote, newest first, filtered by address, subject, group or kind. Without SMTP the desk reads
 * e-mails here, invitation links included.
 */
export class OperatorOutbox {
	#emails = $state.raw<OutboxEmail[] | undefined>(undefined);
	#filter = $state('');
	#open = $state<number | undefined>(undefined);
	#problem = $state.raw<Problem | undefined>(undefined);
	#busy = $state(false);

	readonly #shown = $derived.by((): OutboxEmail[] => {
		const words = this.#filter.toLowerCase().split(/\s+/).filter(Boolean);
		const emails = this.#emails ?? [];
		if (words.length === 0) return emails;
		return emails.filter((email) => {
			const haystack = [email.to, email.recipient.email, email.subject, email.groupId, email.kind]
				.join(' ')
				.toLowerCase();
			return words.every((word) => haystack.includes(word));
		});
	});

	get emails(): OutboxEmail[] | undefined {
		return this.#emails;
	}

	/** The e-mails that match the filter. */
	get shown(): OutboxEmail[] {
		return this.#shown;
	}

	get filter(): string {
		return this.#filter;
	}
	set filter(value: string) {
		this.#filter = value;
	}

	/** The e-mail being read, by id. */
	get open(): number | undefined {
		return this.#open;
	}

	get problem(): Problem | undefined {
		return this.#problem;
	}

	get busy(): boolean {
		return this.#busy;
	}

	toggle(id: number): void {
		this.#open = this.#open === id ? undefined : id;
	}

	async load(): Promise<void> {
		this.#busy = true;
		const result = await api.get<{ emails: OutboxEmail[] }>(`/api/operator/outbox?limit=${limit}`);
		this.#busy = false;
		this.#problem = result.ok ? undefined : problemOf(result);
		if (result.ok) this.#emails = result.data.emails;
	}
}
