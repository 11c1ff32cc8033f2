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
const group = 'demo-annual-seats';

/** `date` plus `days`, as 'YYYY-MM-DD' (UTC). */
const plusDays = (date: string, days: number) =>
	new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const formatted = (date: string, dateStyle: 'medium' | 'long') =>
	new Intl.DateTimeFormat('en', { dateStyle, timeZone: 'UTC' }).format(
		new Date(`${date}T00:00:00Z`)
	);

test('P9 support changes only at the renewal: refused before the window with the date it opens, accepted inside it, applied at the renewal', async ({
	browser
}) => {
	const url = server().url;
	const desk = await apiSession(url, people.operator);
	const { subscription } = await deskBilling(desk, group);
	const expiry = subscription.expiry;
	if (!expiry) throw new Error('the demo group has no expiry');
	expect(subscription.support).toBe('premier');

	// Months before the renewal: the domain refuses here, and nothing is written.
	const owner = await newPage(browser);
	await openBilling(owner, url, people.owner, group);
	const card = owner.getByTestId('support-change');
	await card.getByLabel('Support from the renewal').selectOption('');
	await card.getByRole('button', { name: 'Change at the renewal' }).click();
	const opens = plusDays(expiry, -60);
	await expect(card.getByRole('alert')).toHaveText(
		`Support can only change at the renewal: from ${formatted(opens, 'medium')} for the renewal on ${formatted(expiry, 'medium')}.`
	);
	await expect(owner.getByTestId('sync-status').locator('[data-pending]')).toHaveAttribute(
		'data-pending',
		'false'
	);
	await owner.context().close();

	// Inside the renewal window the owner's choice is accepted and waits for the renewal.
	const inWindow = await moveClock(url, plusDays(expiry, -30));
	const later = await newPage(browser);
	await later.clock.install({ time: inWindow });
	await openBilling(later, url, people.owner, group);
	const form = later.getByTestId('support-change');
	await form.getByLabel('Support from the renewal').selectOption('');
	await form.getByRole('button', { name: 'Change at the renewal' }).click();
	await expect(form.getByTestId('action-outcome')).toHaveAttribute('data-outcome', 'accepted');
	await expect(later.getByTestId('subscription')).toContainText(
		`(No support from the renewal on ${formatted(expiry, 'long')})`
	);
	await later.screenshot({ path: shot('en', 'billing-support-change'), fullPage: true });
	for (const language of ['fr', 'de'] as const) {
		await later.getByRole('combobox', { name: /language|langue|sprache/i }).selectOption(language);
		await expect(later.locator('html')).toHaveAttribute('lang', language);
		await expect(form.getByRole('heading')).not.toHaveText('Support for the next term');
		await later.screenshot({ path: shot(language, 'billing-support-change'), fullPage: true });
	}
	await later.context().close();

	// The renewal applies it: the new term starts without support.
	await moveClock(url, plusDays(expiry, 1));
	const renewed = await deskBilling(await apiSession(url, people.operator), group);
	expect(renewed.subscription.support).toBeNull();
	expect(renewed.subscription.pendingSupport).toBeNull();
});
