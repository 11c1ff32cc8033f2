import { randomUUID } from 'node:crypto';
import { initializeGroup } from '../../server/authority/group-setup.ts';
import type { OrderReceipt } from '../../server/authority/order-receipt.ts';
import {
	dateOfInstant,
	type GroupState,
	type LedgerPayload,
	type Quote
} from '../../src/lib/domain/index.ts';
import { demoPassword, signIn, type TestServer } from './test-server.ts';

/** An answer of the API: status, parsed JSON body (or null) and headers. */
export interface Answer<T = unknown> {
	status: number;
	body: T;
	headers: Headers;
}

/** The error body every refusal has. */
export interface ErrorBody {
	error: { code: string; params?: Record<string, unknown>; fix?: Record<string, unknown> };
}

/** A Node client of the REST API, signed in as one person (re-signing in after clock moves). */
export class ApiClient {
	readonly #test: TestServer;
	readonly email: string;
	readonly #password: string;
	#cookie: string | undefined;

	constructor(test: TestServer, email: string, password = demoPassword) {
		this.#test = test;
		this.email = email;
		this.#password = password;
	}

	/** Signs in again: sessions last 30 days of (test) clock time. */
	async signIn(): Promise<this> {
		this.#cookie = await signIn(this.#test.url, this.email, this.#password);
		return this;
	}

	async post<T = unknown>(
		path: string,
		body: unknown,
		headers: Record<string, string> = {}
	): Promise<Answer<T>> {
		return this.#send<T>('POST', path, JSON.stringify(body), headers);
	}

	async get<T = unknown>(path: string): Promise<Answer<T>> {
		return this.#send<T>('GET', path, undefined, {});
	}

	async #send<T>(
		method: string,
		path: string,
		body: string | undefined,
		headers: Record<string, string>
	): Promise<Answer<T>> {
		this.#cookie ??= await signIn(this.#test.url, this.email, this.#password);
		const send = (cookie: string) =>
			fetch(`${this.#test.url}${path}`, {
				method,
				headers: {
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
					cookie,
					origin: this.#test.url,
					...headers
				},
				body
			});
		let response = await send(this.#cookie);
		// The test clock moved past the session's 30 days: sign in again, as the person would.
		if (response.status === 401) response = await send((await this.signIn()).#cookie ?? '');
		const text = await response.text();
		return {
			status: response.status,
			body: (text ? JSON.parse(text) : null) as T,
			headers: response.headers
		};
	}
}

/** Signs in as a demo person (password {@link demoPassword}). */
export function clientOf(test: TestServer, email: string): Promise<ApiClient> {
	return new ApiClient(test, email).signIn();
}

/** The demo people's addresses. */
export const people = {
	owner: 'olivia.owner@acme.example',
	admin: 'alex.admin@acme.example',
	camille: 'camille.martin@acme.example',
	viewer: 'vera.viewer@acme.example',
	operator: 'operator@tessera.example'
} as const;

/** `POST /api/groups/:id/quote`. */
export function postQuote(client: ApiClient, groupId: string, request: unknown) {
	return client.post<Quote & ErrorBody>(`/api/groups/${groupId}/quote`, request);
}

/** `POST /api/groups/:id/orders` with a fresh (or the given) idempotency key. */
export function postOrder(
	client: ApiClient,
	groupId: string,
	request: unknown,
	options: { key?: string; password?: string } = {}
) {
	return client.post<OrderReceipt & ErrorBody>(
		`/api/groups/${groupId}/orders`,
		{ request, password: options.password ?? demoPassword },
		{ 'idempotency-key': options.key ?? randomUUID() }
	);
}

/** Moves the test clock (an instant or 'YYYY-MM-DD') and runs the scheduler. */
export async function moveClock(test: TestServer, now: number | string) {
	const response = await fetch(`${test.url}/api/test/clock`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ now })
	});
	const body = (await response.json()) as { now: number; date: string; changed: string[] };
	if (response.status !== 200) throw new Error(`clock refused: ${JSON.stringify(body)}`);
	return body;
}

/** What the authority holds for a group: its state and ledger length (to prove nothing moved). */
export async function stored(test: TestServer, groupId: string) {
	const state = await test.server.engine.run(groupId, (authority) =>
		Promise.resolve(authority.state)
	);
	const ledger = await test.storage.authority.ledger(groupId);
	return { state: state as GroupState, ledger: ledger.length };
}

/** The test clock's calendar date. */
export function todayOf(test: TestServer): string {
	return dateOfInstant(test.server.clock.now());
}

/** The payload types of a group's ledger events after `afterSeq`, in order. */
export async function ledgerTypes(test: TestServer, groupId: string, afterSeq = 0) {
	const events = await test.storage.authority.ledger(groupId, afterSeq);
	return events.map((event) => (JSON.parse(event.body) as { payload: LedgerPayload }).payload.type);
}

/**
 * A group with its owner (Olivia, also billable admin) and nobody else, for the policies where
 * nobody joins without a licence (U4), set up through the real authority.
 */
export async function ownerOnlyGroup(test: TestServer, groupId: string, policyId: string) {
	const user = await test.storage.accounts.findUserByEmail(people.owner);
	if (!user) throw new Error('no demo owner');
	await test.storage.accounts.createGroup({
		id: groupId,
		name: `Story ${groupId}`,
		vendorId: 'demo-vendor',
		policyId,
		createdAt: Date.now()
	});
	const owner = { id: user.id, email: user.email, name: user.name };
	await initializeGroup(test.server.engine, groupId, { owner });
	return owner;
}
