import { expect, signIn, test } from './fixtures.ts';
import { TesseraProcess } from './tessera-process.ts';
import { ensureFreeSeats, giveByEmail, online, seats } from './users-helpers.ts';

const designStudio = '/groups/demo-license-groups';

test('the overview shows decided seats, my pending change apart, then the decision and the chart', async ({
	browser,
	tessera
}) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, tessera.url, 'alex.admin@acme.example');
	await page.goto(tessera.url + designStudio);
	await ensureFreeSeats(page, designStudio, 'designer', 1);
	const before = await seats(page, designStudio);
	await expect(page.getByTestId('expiry')).toContainText('20');
	await expect(page.getByTestId('next-invoice')).toContainText('$');

	await page.getByRole('link', { name: 'Users' }).click();
	await online(page);
	await context.setOffline(true);
	await giveByEmail(page, 'pending.person@acme.example', 'Pending Person');
	await page.getByRole('link', { name: 'Overview' }).click();
	const pool = page.locator('tr[data-pool="standard"]').first();
	await expect(pool.locator('[data-cell="mine"]')).toContainText('+1 pending');
	await expect(pool.locator('[data-cell="used"]')).toHaveText(String(before.used));
	await expect(page.getByText('1 of your changes is waiting')).toBeVisible();

	await context.setOffline(false);
	await expect(pool.locator('[data-cell="mine"]')).toHaveText('–');
	await expect(pool.locator('[data-cell="used"]')).toHaveText(String(before.used + 1));
	await expect(pool.locator('[data-cell="free"]')).toHaveText(String(before.free - 1));

	// The chart ends on today's figures; its numbers are in a table for screen readers.
	const chart = page.getByRole('img', { name: /License use over time/ });
	await expect(chart).toBeVisible();
	await expect(chart.locator('path[data-series="assigned"]')).toHaveCount(1);
	await page.getByText('Show the figures').click();
	const last = page.locator('details table tbody tr').last();
	await expect(last.locator('td').first()).toHaveText('12');
	await expect(last.locator('td').last()).toHaveText(String(before.used + 1));
	await context.close();
});

test('I2 the lock-out banner says what to do: pay the invoice, or report the payment', async ({
	browser
}) => {
	// Its own server: moving the clock past the grace period locks every demo group.
	const tessera = new TesseraProcess();
	await tessera.start();
	try {
		const page = await browser.newPage({ locale: 'de' });
		await signIn(page, tessera.url, 'jonas.weber@acme.example');
		await page.goto(tessera.url + designStudio);
		await online(page);
		await expect(page.getByRole('status').filter({ hasText: 'ist unbezahlt' })).toBeVisible();

		const moved = await page.request.post(`${tessera.url}/api/test/clock`, {
			data: { now: '2027-02-01' },
			headers: { Origin: tessera.url }
		});
		expect(moved.status()).toBe(200);
		// Sessions age with the server's clock: two months on, sign in again.
		await signIn(page, tessera.url, 'jonas.weber@acme.example');
		await page.goto(tessera.url + designStudio);
		await online(page);
		const banner = page.getByRole('alert').filter({ hasText: 'Diese Gruppe ist gesperrt' });
		await expect(banner).toBeVisible();
		await expect(banner.getByRole('link', { name: /Rechnung .* bezahlen/ })).toHaveAttribute(
			'href',
			/\/billing\?invoice=/
		);
		await banner
			.getByRole('button', { name: 'Dem Anbieter melden, dass die Zahlung unterwegs ist' })
			.click();
		await expect(banner).toContainText('Zahlung als unterwegs gemeldet');
		for (const language of ['de', 'fr', 'en'] as const) {
			await page.getByRole('combobox').selectOption(language);
			await expect(page.locator('html')).toHaveAttribute('lang', language);
			await online(page);
			await page.screenshot({
				path: `tests/e2e/.artifacts/screens/${language}-group-overview-locked.png`,
				fullPage: true
			});
		}
		await page.close();
	} finally {
		await tessera.dispose();
	}
});
