import { api } from '$lib/api/api-client.ts';
import { problemOf, type Problem } from './account-problem.ts';

/** A license group as the operator's search lists it. */
export interface OperatorGroupRow {
	id: string;
	name: string;
	vendorId: string;
	policyId: string;
	createdAt: number;
}

interface SearchAnswer {
	groups: OperatorGroupRow[];
	next: string | null;
}

const pageSize = 50;

/**
 * The operator's group search: by id, name or a role holder's e-mail, a page at a time
 * (`GET /api/operator/groups?q=&after=`).
 */
export class OperatorSearch {
	#text = $state('');
	#searched = $state('');
	#groups = $state.raw<OperatorGroupRow[] | undefined>(undefined);
	#next = $state<string | null>(null);
	#problem = $state.raw<Problem | undefined>(undefined);
	#busy = $state(false);

	constructor(text = '') {
		this.#text = text;
	}

	/** What is typed in the search field. */
	get text(): string {
		return this.#text;
	}
	set text(value: string) {
		this.#text = value;
	}

	/** The text of the search whose results are shown. */
	get searched(): string {
		return this.#searched;
	}

	get groups(): OperatorGroupRow[] | undefined {
		return this.#groups;
	}

	get hasMore(): boolean {
		return this.#next !== null;
	}

	get problem(): Problem | undefined {
		return this.#problem;
	}

	get busy(): boolean {
		return this.#busy;
	}

	/** Runs the search for the typed text, from the first page. */
	async search(): Promise<void> {
		const q = this.#text.trim();
		const page = await this.#fetch(q, undefined);
		if (!page) return;
		this.#searched = q;
		this.#groups = page.groups;
		this.#next = page.next;
	}

	/** Appends the next page of the current search. */
	async more(): Promise<void> {
		if (this.#next === null) return;
		const page = await this.#fetch(this.#searched, this.#next);
		if (!page) return;
		this.#groups = [...(this.#groups ?? []), ...page.groups];
		this.#next = page.next;
	}

	async #fetch(q: string, after: string | undefined): Promise<SearchAnswer | undefined> {
		const query = [`limit=${pageSize}`];
		if (q) query.push(`q=${encodeURIComponent(q)}`);
		if (after) query.push(`after=${encodeURIComponent(after)}`);
		this.#busy = true;
		const result = await api.get<SearchAnswer>(`/api/operator/groups?${query.join('&')}`);
		this.#busy = false;
		this.#problem = result.ok ? undefined : problemOf(result);
		return result.ok ? result.data : undefined;
	}
}
