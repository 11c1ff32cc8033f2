import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GroupState } from '../../src/lib/domain/index.ts';
import { formatDate, formatMoney } from '../../src/lib/i18n/format.ts';
import {
	decideAsAuthority,
	initializeGroup,
	placeOrderAsAuthority,
	type Person
} from '../../server/authority/group-setup.ts';
import { maxSendAttempts, nextAttemptAt } from '../../server/mail/mailer.ts';
import { person } from '../helpers/authority-fixtures.ts';
import { startSmtpInbox, type ReceivedMail, type SmtpInbox } from '../helpers/smtp-inbox.ts';
import { signIn, startTestServer, type TestServer } from '../helpers/test-server.ts';

let inbox: SmtpInbox;
let test: TestServer;
let olivia: Person;
let alex: Person;
let camille: Person;
let jonas: Person;

beforeAll(async () => {
	inbox = await startSmtpInbox();
	test = await startTestServer({
		mail: {
			smtpUrl: inbox.url,
			from: 'Tessera <no-reply@tessera.example>',
			vendorEmail: 'desk@vendor.example',
			publicUrl: 'https://licenses.example'
		}
	});
	olivia = await person(test, 'olivia.owner@acme.example');
	alex = await person(test, 'alex.admin@acme.example');
	camille = await person(test, 'camille.martin@acme.example');
	jonas = await person(test, 'jonas.weber@acme.example');
	// The demo's own e-mails go out first, so each test sees only its own.
	await test.server.mailer.flush();
});
beforeEach(() => {
	inbox.mails.length = 0;
	inbox.refuse = undefined;
});
afterAll(async () => {
	await test.stop();
	await inbox.close();
});

const names: Record<string, string> = {};

/** A license-groups (000) group owned by Olivia with these admins and billable admin, 2 seats bought. */
async function billedGroup(id: string, billable: Person, admins: Person[]): Promise<GroupState> {
	const { engine } = test.server;
	names[id] = `Mail test ${id}`;
	await test.storage.accounts.createGroup({
		id,
		name: names[id],
		vendorId: 'demo-vendor',
		policyId: 'license-groups',
		createdAt: engine.clock.now()
	});
	await initializeGroup(engine, id, {
		owner: olivia,
		admins: admins
			.filter((admin) => admin.id !== olivia.id)
			.map((admin) => ({ person: admin, roles: ['admin'] }))
	});
	const base = { author: olivia.id, createdAt: engine.clock.now() };
	await decideAsAuthority(engine, id, [
		{ ...base, id: 'billable', kind: 'set-billable-admin', memberId: billable.id }
	]);
	await placeOrderAsAuthority(
		engine,
		id,
		{ userId: olivia.id, passwordConfirmed: true },
		{ kind: 'set-seats', product: 'designer', newTotal: 2, term: 'monthly' }
	);
	const state = await engine.run(id, (authority) => Promise.resolve(authority.state));
	if (!state) throw new Error('no state');
	return state;
}

/** The mails a group caused (its name is in every footer). */
const mailsOf = (groupId: string): ReceivedMail[] =>
	inbox.mails.filter((mail) => mail.text.includes(names[groupId] ?? '?'));

async function entriesOf(groupId: string) {
	return (await test.storage.mail.entries(1000)).filter((entry) => entry.groupId === groupId);
}

describe('e-mails rendered per recipient and sent over SMTP', () => {
	it('I3 e-mails are written in each recipient’s language (en, fr, de) and delivered to a real SMTP server', async () => {
		const readers = [
			{ id: 'mail-en', who: olivia, language: 'en', subject: 'Purchase confirmed', hello: 'Hello' },
			{ id: 'mail-fr', who: camille, language: 'fr', subject: 'Achat confirmé', hello: 'Bonjour' },
			{ id: 'mail-de', who: jonas, language: 'de', subject: 'Kauf bestätigt', hello: 'Guten Tag' }
		];
		const states = new Map<string, GroupState>();
		for (const reader of readers) {
			states.set(reader.id, await billedGroup(reader.id, reader.who, [alex, reader.who]));
		}
		const report = await test.server.mailer.flush();
		expect(report.failed).toBe(0);
		for (const { id, who, language, subject, hello } of readers) {
			const mails = mailsOf(id);
			expect(mails.length).toBeGreaterThanOrEqual(2);
			for (const mail of mails) {
				expect(mail.to).toEqual([who.email]);
				expect(mail.contentLanguage).toBe(language);
				expect(mail.html).toContain(`<html lang="${language}">`);
			}
			const purchase = mails.find((mail) => mail.subject.startsWith(subject));
			expect(purchase?.text).toContain(`${hello} ${who.name},`);
			const invoice = Object.values(states.get(id)?.invoices ?? {})[0];
			if (!invoice) throw new Error('the purchase issued an invoice');
			const issued = mails.find((mail) => mail.text.includes(invoice.id));
			expect(issued?.text).toContain(formatMoney(invoice.amount, invoice.currency, language));
			expect(issued?.text).toContain(formatDate(invoice.dueOn, language, 'long'));
		}
	});

	it('I3 the billing e-mails of a purchase go to the billable admin only, not to the buyer', async () => {
		await billedGroup('mail-i3', camille, [alex, camille]);
		await test.server.mailer.flush();
		const entries = await entriesOf('mail-i3');
		const billing = entries.filter((entry) => entry.kind !== 'invitation.sent');
		expect(billing.map((entry) => entry.kind)).toEqual(
			expect.arrayContaining(['purchase.confirmation', 'invoice.issued'])
		);
		for (const entry of billing) {
			expect(entry.recipient).toMatchObject({ role: 'billable-admin', memberId: camille.id });
			expect(entry.sentAt).not.toBeNull();
		}
		const delivered = mailsOf('mail-i3').flatMap((mail) => mail.to);
		expect(new Set(delivered)).toEqual(new Set([camille.email]));
	});

	it('U1 an invitation is written in the language of the admin who invited, with a link to PUBLIC_URL', async () => {
		await billedGroup('mail-invite', jonas, [jonas]);
		const { engine } = test.server;
		await decideAsAuthority(engine, 'mail-invite', [
			{
				id: 'invite-kollege',
				kind: 'assign-license',
				author: jonas.id,
				createdAt: engine.clock.now(),
				product: 'designer',
				target: { by: 'email', email: 'neu.kollege@example.de', name: 'Neuer Kollege' }
			}
		]);
		await test.server.mailer.flush();
		const invitation = inbox.mails.find((mail) => mail.to.includes('neu.kollege@example.de'));
		expect(invitation?.subject).toBe('Jonas Weber lädt Sie zu „Mail test mail-invite“ ein');
		expect(invitation?.text).toContain('Guten Tag Neuer Kollege,');
		expect(invitation?.text).toMatch(/https:\/\/licenses\.example\/register\/[\w-]{43}\n/);
		expect(invitation?.html).toMatch(/<a href="https:\/\/licenses\.example\/register\/[\w-]{43}">/);
	});

	it('sends e-mails for the vendor to VENDOR_EMAIL, in English', async () => {
		const state = await billedGroup('mail-vendor', camille, [camille]);
		const invoice = Object.values(state.invoices)[0];
		const { engine } = test.server;
		await decideAsAuthority(engine, 'mail-vendor', [
			{
				id: 'paying',
				kind: 'report-payment-in-progress',
				author: camille.id,
				createdAt: engine.clock.now(),
				invoiceId: invoice?.id
			}
		]);
		await test.server.mailer.flush();
		const desk = inbox.mails.filter((mail) => mail.to.includes('desk@vendor.example'));
		expect(desk.map((mail) => mail.subject)).toEqual([
			`Payment under way: invoice ${invoice?.id ?? ''} (mail-vendor)`
		]);
	});
});

describe('failed sends', () => {
	it('are retried with backoff, with the error recorded, until the server takes them', async () => {
		inbox.refuse = 'mailbox unavailable';
		await billedGroup('mail-retry', camille, [camille]);
		const clock = test.server.testClock;
		if (!clock) throw new Error('test mode has a clock');
		const failedAt = clock.now();
		expect((await test.server.mailer.flush()).failed).toBeGreaterThan(0);
		const [first] = await entriesOf('mail-retry');
		expect(first).toMatchObject({ sentAt: null, attempts: 1 });
		expect(first?.lastError).toContain('mailbox unavailable');
		expect(first?.nextAttemptAt).toBeGreaterThanOrEqual(failedAt + 60_000);
		// Not due yet: nothing is tried again, whatever the number of passes.
		await test.server.mailer.flush();
		expect((await entriesOf('mail-retry'))[0]?.attempts).toBe(1);
		inbox.refuse = undefined;
		clock.set(clock.now() + 61_000);
		await test.server.mailer.flush();
		for (const entry of await entriesOf('mail-retry')) {
			expect(entry).toMatchObject({ attempts: 2, lastError: null });
			expect(entry.sentAt).not.toBeNull();
		}
		expect(mailsOf('mail-retry').length).toBe((await entriesOf('mail-retry')).length);
		// The wait doubles, up to six hours, and the mailer gives up after the last attempt.
		expect(nextAttemptAt(2, 0)).toBe(120_000);
		expect(nextAttemptAt(maxSendAttempts - 1, 0)).toBe(6 * 3600_000);
		expect(nextAttemptAt(maxSendAttempts, 0)).toBeNull();
	});
});

describe('GET /api/operator/outbox', () => {
	it('lists the e-mails as rendered for the operator, and for nobody else', async () => {
		const operator = await signIn(test.url, 'operator@tessera.example');
		const answer = await fetch(`${test.url}/api/operator/outbox?limit=500`, {
			headers: { cookie: operator }
		});
		expect(answer.status).toBe(200);
		const { emails } = (await answer.json()) as {
			emails: { kind: string; status: string; to: string; subject: string; text: string }[];
		};
		const invitation = emails.find((email) => email.to === 'neu.kollege@example.de');
		expect(invitation).toMatchObject({ kind: 'invitation.sent', status: 'sent' });
		expect(invitation?.text).toContain('https://licenses.example/register/');
		const alexCookie = await signIn(test.url, 'alex.admin@acme.example');
		const forbidden = await fetch(`${test.url}/api/operator/outbox`, {
			headers: { cookie: alexCookie }
		});
		expect(forbidden.status).toBe(403);
		expect((await fetch(`${test.url}/api/operator/outbox`)).status).toBe(401);
	});
});
