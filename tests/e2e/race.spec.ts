import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures.ts';
import { giveByEmail as give } from './users-helpers.ts';

/**
 * The race for the last seat (DESIGN.md "The authority"): two admins give the last seat of a
 * group at the same time, one of them offline. The authority decides in arrival order; the one
 * who reconnects second sees why in their own language, with a one-click fix.
 */
const group = '/groups/demo-annual-seats';

/** The unallocated seats of the group's product, as the authority decided them. */
async function freeSeats(page: Page): Promise<number> {
	await page.goto(page.url().replace(/\/users.*$/, ''));
	await expect(page.getByTestId('sync-status').locator('[data-connection]')).toHaveAttribute(
		'data-connection',
		'online'
	);
	await expect(page.locator('tr[data-pool="standard"] [data-cell="mine"]')).toHaveText('–');
	return Number(await page.locator('tr[data-pool="standard"] [data-cell="free"]').innerText());
}

test('the last-seat race: the loser sees the translated reason and a one-click fix', async ({
	browser,
	tessera
}) => {
	const alexContext = await browser.newContext();
	const oliviaContext = await browser.newContext();
	const alex = await alexContext.newPage();
	const olivia = await oliviaContext.newPage();
	await signIn(alex, tessera.url, 'alex.admin@acme.example');
	await signIn(olivia, tessera.url, 'olivia.owner@acme.example');
	// Olivia reads Tessera in French: the refusal must reach her translated.
	await olivia.getByRole('combobox').selectOption('fr');
	await expect(olivia.locator('html')).toHaveAttribute('lang', 'fr');

	// Leave exactly one seat free, whatever earlier journeys did to this group.
	await alex.goto(`${tessera.url}${group}`);
	let free = await freeSeats(alex);
	expect(free).toBeGreaterThan(0);
	for (let filler = 0; free > 1; filler++, free--) {
		await alex.goto(`${tessera.url}${group}/users`);
		await give(alex, `filler.${filler}@acme.example`);
	}
	expect(await freeSeats(alex)).toBe(1);

	await olivia.goto(`${tessera.url}${group}/users`);
	await expect(olivia.getByTestId('sync-status').locator('[data-connection]')).toHaveAttribute(
		'data-connection',
		'online'
	);
	await oliviaContext.setOffline(true);
	await expect(olivia.getByTestId('sync-status').locator('[data-connection]')).toHaveAttribute(
		'data-connection',
		'offline'
	);
	// Offline, Olivia's engine sees a free seat: her gift shows at once, marked pending.
	await give(olivia, 'late.comer@acme.example');
	const lateRow = olivia.locator('[role="row"][data-member]', { hasText: 'late.comer@' });
	await expect(lateRow).toHaveAttribute('data-pending', 'true');

	// Meanwhile Alex, online, gives the same last seat; the authority accepts it.
	await alex.goto(`${tessera.url}${group}/users`);
	await give(alex, 'first.comer@acme.example');
	await expect(
		alex.locator('[role="row"][data-member]', { hasText: 'first.comer@' })
	).not.toHaveAttribute('data-pending', 'true');

	// Olivia reconnects: her intent arrives second and is refused, in French, with fixes.
	await oliviaContext.setOffline(false);
	const notice = olivia.locator('[data-code="seat.none-free"]');
	await expect(notice).toBeVisible();
	await expect(notice).toContainText('Non effectué');
	await expect(notice).not.toContainText('seat.none-free');
	await expect(lateRow).toHaveCount(0);
	await expect(notice.getByRole('button', { name: /acheter 1 licence/i })).toBeVisible();

	// One click on "recall a license" lists the holders, each with a recall button.
	await notice.getByRole('button', { name: /retirer une licence/i }).click();
	await expect(olivia).toHaveURL(/\/users\?product=router&recall=1$/);
	await expect(olivia.getByTestId('recall-banner')).toBeVisible();
	const holder = olivia.locator('[role="row"][data-member]', { hasText: 'first.comer@' });
	await holder.getByRole('button', { name: /retirer/i }).click();
	// Pending until decided (an instant online), then no longer a holder: the seat is free again.
	await expect(holder).toHaveCount(0);
	expect(await freeSeats(olivia)).toBe(1);

	await alexContext.close();
	await oliviaContext.close();
});
