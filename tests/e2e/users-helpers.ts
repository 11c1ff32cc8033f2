import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/**
 * Steps the users and overview journeys share. Journeys run one after the other on one server,
 * so none of them assumes how many seats the ones before left free: they make sure.
 */

/** Waits until both of the group's documents are synced. */
export async function online(page: Page): Promise<void> {
	await expect(page.getByTestId('sync-status').locator('[data-connection]')).toHaveAttribute(
		'data-connection',
		'online'
	);
}

/** The rows of the users list whose text contains `text`. */
export function rowWith(page: Page, text: string) {
	return page.locator('[role="row"][data-member]', { hasText: text });
}

/**
 * Gives a license by e-mail from the Users screen (confirming a warning if one shows), then
 * searches for the address: the list is virtualised, a row far down is not in the page.
 */
export async function giveByEmail(page: Page, email: string, name = ''): Promise<void> {
	await page.locator('button[aria-expanded]').first().click();
	await page.locator('#give-email').fill(email);
	await page.locator('#give-name').fill(name);
	await page.locator('form.give button[type="submit"]').last().click();
	const warnings = page.getByTestId('give-warnings');
	const sent = page.locator('form.give p[role="status"]');
	const outcome = page.locator(
		'[data-testid="give-warnings"], form.give p[role="status"]:not(:empty)'
	);
	await expect(outcome.first()).toBeVisible();
	if (await warnings.isVisible()) await warnings.getByRole('button').first().click();
	await expect(sent).toContainText(email);
	await page.locator('form.give').getByRole('button').first().click();
	await page.locator('#users-search').fill(email);
	await expect(rowWith(page, email)).toBeVisible();
}

/** Seats of the first product, as decided: the overview's figures once nothing is pending. */
export async function seats(page: Page, group: string): Promise<{ used: number; free: number }> {
	if (!page.url().endsWith(group)) await page.goto(page.url().replace(/\/groups\/.*$/, group));
	await online(page);
	const row = page.locator('tr[data-pool="standard"]').first();
	await expect(row.locator('[data-cell="mine"]')).toHaveText('–');
	return {
		used: Number(await row.locator('[data-cell="used"]').innerText()),
		free: Number(await row.locator('[data-cell="free"]').innerText())
	};
}

/**
 * Makes sure `count` seats of `product` are free, recalling licenses from the "recall one" list
 * if earlier journeys used them.
 */
export async function ensureFreeSeats(
	page: Page,
	group: string,
	product: string,
	count: number
): Promise<void> {
	let { free } = await seats(page, group);
	if (free >= count) return;
	await page.goto(
		page.url().replace(/\/groups\/.*$/, `${group}/users?product=${product}&recall=1`)
	);
	await online(page);
	for (; free < count; free++) {
		await page.locator('[role="row"][data-member] button.button').first().click();
	}
	expect((await seats(page, group)).free).toBeGreaterThanOrEqual(count);
}
