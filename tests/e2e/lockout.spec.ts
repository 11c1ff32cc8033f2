import {
	apiSession,
	deskBilling,
	expect,
	moveClock,
	newPage,
	openBilling,
	ownServer,
	people,
	shot,
	test
} from './billing-journey.ts';

const server = ownServer();
const group = 'demo-license-groups';

/** `date` plus `days`, as 'YYYY-MM-DD' (UTC). */
const plusDays = (date: string, days: number) =>
	new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface OutboxEmail {
	kind: string;
	groupId: string | null;
	subject: string;
}

test('I2 fourteen days past due the group locks, the billing screen says what to do, the vendor hears the payment is under way, and a wire payment the operator records unlocks it', async ({
	browser
}) => {
	const url = server().url;
	const [invoice] = (await deskBilling(await apiSession(url, people.operator), group)).invoices;
	if (!invoice) throw new Error('the demo group has no invoice');
	const serverNow = await moveClock(url, plusDays(invoice.dueOn, 14));
	// Sessions follow the test clock: sign in again after the move, as the people would.
	const desk = await apiSession(url, people.operator);
	expect((await deskBilling(desk, group)).lock?.invoiceIds).toEqual([invoice.id]);

	const owner = await newPage(browser);
	// The browser's clock follows the server's, so the screen's "today" is the server's day.
	await owner.clock.install({ time: serverNow });
	await openBilling(owner, url, people.owner, group);
	const lock = owner.getByTestId('billing-lock');
	await expect(lock).toHaveAttribute('data-locked', 'true');
	await expect(lock.getByRole('heading')).toHaveText('The group is locked');
	await expect(lock).toContainText(`Pay invoice ${invoice.id} ($25,920.00, due on`);
	await lock.getByRole('button', { name: `How to pay ${invoice.id}` }).click();
	const details = owner.getByTestId('invoice-details');
	await expect(details).toHaveAttribute('data-invoice', invoice.id);
	// The overview's banner leads to the same place: the invoice, opened on the billing screen.
	await owner.getByRole('link', { name: /Overview/ }).click();
	await owner.locator(`a[href$="billing?invoice=${invoice.id}"]`).click();
	await expect(details).toHaveAttribute('data-invoice', invoice.id);
	await expect(details.getByRole('heading', { level: 3 })).toBeFocused();
	await expect(details.getByTestId('pay-check')).toBeVisible();
	// No purchase while locked: the quote says what to do first.
	await owner.getByTestId('purchase').getByLabel('New total of licenses').fill('13');
	await expect(owner.getByTestId('purchase-blocker')).toContainText(
		`invoice ${invoice.id} is overdue`
	);

	await lock.getByRole('button', { name: 'Tell the vendor the payment is under way' }).click();
	await expect(lock).toContainText('The vendor knows the payment is under way');
	await expect
		.poll(async () => {
			const outbox = await desk.get('/api/operator/outbox?limit=50');
			const emails = (outbox.body as { emails: OutboxEmail[] }).emails;
			return emails.filter((e) => e.kind === 'payment-in-progress.reported' && e.groupId === group)
				.length;
		})
		.toBe(1);

	for (const language of ['fr', 'de'] as const) {
		await owner.getByRole('combobox', { name: /language|langue|sprache/i }).selectOption(language);
		await expect(owner.locator('html')).toHaveAttribute('lang', language);
		await expect(lock.getByRole('heading')).toHaveText(
			language === 'fr' ? 'Ce groupe est bloqué' : 'Diese Gruppe ist gesperrt'
		);
		await owner.screenshot({ path: shot(language, 'billing-locked'), fullPage: true });
	}

	const paid = await desk.post(`/api/operator/groups/${group}/payments`, {
		invoiceId: invoice.id,
		amount: invoice.amount,
		method: 'wire'
	});
	expect(paid.status).toBe(200);
	expect((paid.body as { lock: unknown }).lock).toBeNull();
	await expect(owner.locator(`tr[data-invoice="${invoice.id}"]`)).toHaveAttribute(
		'data-status',
		'paid'
	);
	await expect(lock).toBeHidden();
	await expect(details).toContainText('Überweisung');
	await owner.context().close();
});
