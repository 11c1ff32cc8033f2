import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GroupState, Member } from '../../src/lib/domain/index.ts';
import { readDecisions, readHistory, readState } from '../../src/lib/sync/authority-doc.ts';
import { proposeIntent } from '../../src/lib/sync/workspace-doc.ts';
import { hashToken } from '../../server/auth/sessions.ts';
import { decideAsAuthority } from '../../server/authority/group-setup.ts';
import { freshGroup } from '../helpers/authority-fixtures.ts';
import { createAccount } from '../helpers/enterprise-fixtures.ts';
import { connectClient, type TestClient } from '../helpers/sync-clients.ts';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server.ts';

let test: TestServer;
let operator: string;
const clients: TestClient[] = [];
beforeAll(async () => {
	test = await startTestServer();
	operator = await signIn(test.url, 'operator@tessera.example');
});
afterAll(async () => {
	for (const client of clients) client.close();
	await test.stop();
});

const day = 24 * 60 * 60_000;
const password = 'a long enough password';

async function online(email: string, groupId: string) {
	const client = await connectClient(test, email, groupId);
	clients.push(client);
	await vi.waitFor(() => expect(client.connection.status.connection).toBe('online'));
	return client;
}

const give = (id: string, author: string, email: string, name: string) => ({
	id,
	kind: 'assign-license',
	author,
	createdAt: test.server.clock.now(),
	product: 'designer',
	target: { by: 'email', email, name }
});

/** Kept without SMTP, the invitation is read by the operator; its link carries the token. */
async function invitationLink(email: string): Promise<string> {
	await test.server.mailer.flush();
	const answer = await fetch(`${test.url}/api/operator/outbox?limit=1000`, {
		headers: { cookie: operator }
	});
	const { emails } = (await answer.json()) as {
		emails: { kind: string; to: string | null; status: string; text: string | null }[];
	};
	const mail = emails.find((entry) => entry.kind === 'invitation.sent' && entry.to === email);
	expect(mail?.status).toBe('kept');
	const token = /\/register\/([\w-]{43})\n/.exec(mail?.text ?? '')?.[1];
	if (!token) throw new Error(`no invitation link for ${email}`);
	return token;
}

function register(token: string, body: Record<string, unknown>) {
	return fetch(`${test.url}/api/invitations/${token}/register`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: test.url },
		body: JSON.stringify(body)
	});
}

async function stateOf(groupId: string): Promise<GroupState> {
	const state = await test.server.engine.run(groupId, (a) => Promise.resolve(a.state));
	if (!state) throw new Error(`no state for ${groupId}`);
	return state;
}

const memberByEmail = (state: GroupState | undefined, email: string): Member | undefined =>
	Object.values(state?.members ?? {}).find((member) => member.email === email);

/** What a refused registration must leave as it was. */
async function stored(groupId: string, email: string, token: string) {
	return {
		state: JSON.stringify(await stateOf(groupId)),
		ledger: (await test.storage.authority.ledger(groupId)).length,
		account: await test.storage.accounts.findUserByEmail(email),
		invitation: await test.storage.mail.findInvitation(hashToken(token))
	};
}

describe('giving a license by e-mail (U1)', () => {
	it('U1 an invited person registers from the link mid-session and becomes active for the admins', async () => {
		const { alex } = await freshGroup(test, 'inv-flow', {
			seats: { product: 'designer', total: 3 }
		});
		const admin = await online('alex.admin@acme.example', 'inv-flow');
		proposeIntent(
			admin.connection.workspace,
			give('give-nina', alex.id, 'nina@example.com', 'Nina'),
			'test'
		);
		await vi.waitFor(() =>
			expect(
				memberByEmail(readState(admin.connection.authority).state, 'nina@example.com')?.status
			).toBe('awaiting-registration')
		);
		const token = await invitationLink('nina@example.com');
		const view = await fetch(`${test.url}/api/invitations/${token}`);
		expect(await view.json()).toEqual({
			groupName: 'Test group inv-flow',
			email: 'nina@example.com',
			name: 'Nina'
		});

		const answer = await register(token, { name: 'Nina Neumann', password, language: 'de' });
		expect(answer.status).toBe(201);
		const { user } = (await answer.json()) as { user: { id: string; language: string } };
		const member = memberByEmail(await stateOf('inv-flow'), 'nina@example.com');
		expect(user).toMatchObject({ id: member?.id, language: 'de' });
		// The admin, connected all along, sees the person become active under their own name.
		await vi.waitFor(() =>
			expect(
				memberByEmail(readState(admin.connection.authority).state, 'nina@example.com')
			).toMatchObject({
				status: 'active',
				name: 'Nina Neumann',
				licenses: ['designer']
			})
		);
		const kinds = readHistory(admin.connection.authority)
			.filter((entry) => entry.author === user.id)
			.map((entry) => entry.kind);
		expect(kinds).toEqual(['registration.completed', 'profile.updated']);
		// Signed in by the registration, and the link is used up.
		const cookie = answer.headers.get('set-cookie')?.split(';')[0] ?? '';
		const me = await fetch(`${test.url}/api/me`, { headers: { cookie } });
		expect(((await me.json()) as { user: { id: string } }).user.id).toBe(user.id);
		const again = await fetch(`${test.url}/api/invitations/${token}`);
		expect(again.status).toBe(404);
		expect(await again.json()).toEqual({ error: { code: 'invitation.unknown' } });
	});

	it('U1 an address that already has an account is linked at once; the giving admin becomes its license administrator', async () => {
		const { alex } = await freshGroup(test, 'inv-link', {
			seats: { product: 'designer', total: 2 }
		});
		const trial = await createAccount(test, 'trial.user@example.com', 'Trial User');
		const admin = await online('alex.admin@acme.example', 'inv-link');
		proposeIntent(
			admin.connection.workspace,
			give('give-trial', alex.id, trial.email, 'Trial'),
			'test'
		);
		await vi.waitFor(() =>
			expect(readDecisions(admin.connection.authority).get('give-trial')?.decision.outcome).toBe(
				'accepted'
			)
		);
		const member = readState(admin.connection.authority).state?.members[trial.id];
		expect(member).toMatchObject({
			status: 'active',
			licenseAdmin: alex.id,
			licenses: ['designer']
		});
		await test.server.mailer.flush();
		const mails = (await test.storage.mail.entries(1000)).filter(
			(entry) => entry.groupId === 'inv-link' && entry.recipient.memberId === trial.id
		);
		expect(mails.map((entry) => entry.kind)).toEqual(['license.given']);
	});
});

describe('bad input on registration', () => {
	it('refuses a short password, an unknown link and an address taken meanwhile, changing nothing', async () => {
		const { alex } = await freshGroup(test, 'inv-bad', {
			seats: { product: 'designer', total: 2 }
		});
		await decideAsAuthority(test.server.engine, 'inv-bad', [
			give('give-bad', alex.id, 'taken.later@example.com', 'Later')
		]);
		const token = await invitationLink('taken.later@example.com');
		const before = await stored('inv-bad', 'taken.later@example.com', token);

		const short = await register(token, { name: 'Later', password: 'short', language: 'en' });
		expect(short.status).toBe(400);
		expect(await short.json()).toEqual({
			error: { code: 'request.invalid', params: { path: 'password' } }
		});
		const unknown = await register('x'.repeat(43), { name: 'Later', password, language: 'en' });
		expect(unknown.status).toBe(404);
		expect(await stored('inv-bad', 'taken.later@example.com', token)).toEqual(before);

		// Someone registered that address elsewhere before the invited person came back.
		await createAccount(test, 'taken.later@example.com', 'Someone else');
		const withAccount = await stored('inv-bad', 'taken.later@example.com', token);
		const taken = await register(token, { name: 'Later', password, language: 'en' });
		expect(taken.status).toBe(409);
		expect(await taken.json()).toEqual({ error: { code: 'invitation.account-exists' } });
		expect(await stored('inv-bad', 'taken.later@example.com', token)).toEqual(withAccount);
	});

	it('U1 an expired invitation is refused (invitation.expired), changing nothing', async () => {
		const { alex } = await freshGroup(test, 'inv-late', {
			seats: { product: 'designer', total: 2 }
		});
		await decideAsAuthority(test.server.engine, 'inv-late', [
			give('give-late', alex.id, 'late.comer@example.com', 'Late Comer')
		]);
		const token = await invitationLink('late.comer@example.com');
		const clock = test.server.testClock;
		clock?.set(clock.now() + 15 * day);
		const before = await stored('inv-late', 'late.comer@example.com', token);

		const view = await fetch(`${test.url}/api/invitations/${token}`);
		expect(view.status).toBe(410);
		expect(await view.json()).toEqual({ error: { code: 'invitation.expired' } });
		const late = await register(token, { name: 'Late Comer', password, language: 'fr' });
		expect(late.status).toBe(410);
		expect(await late.json()).toEqual({ error: { code: 'invitation.expired' } });
		expect(await stored('inv-late', 'late.comer@example.com', token)).toEqual(before);
		expect(before.account).toBeUndefined();
		expect(memberByEmail(await stateOf('inv-late'), 'late.comer@example.com')?.status).toBe(
			'awaiting-registration'
		);
	});
});
