import { test as base, expect, type Page } from '@playwright/test';
import { demoPassword, TesseraProcess } from './tessera-process.ts';

/** Tests get a running Tessera (one per test file's worker) and a sign-in helper. */
export const test = base.extend<object, { tessera: TesseraProcess }>({
	tessera: [
		async ({}, use) => {
			const tessera = new TesseraProcess();
			await tessera.start();
			await use(tessera);
			await tessera.dispose();
		},
		{ scope: 'worker' }
	]
});

export { expect };

/**
 * Signs a demo person in through the login page and waits for the group list. With `language`,
 * the interface is switched to it and the choice is saved on the profile before returning: the
 * next page loads the profile's language, and another journey may have changed it.
 */
export async function signIn(
	page: Page,
	baseUrl: string,
	email: string,
	language?: 'en' | 'fr' | 'de'
): Promise<void> {
	await page.goto(`${baseUrl}/login`);
	await page.getByLabel(/e-mail/i).fill(email);
	await page.getByLabel(/password|mot de passe|passwort/i).fill(demoPassword);
	await page.getByRole('button', { name: /sign in|se connecter|anmelden/i }).click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
	if (language === undefined) return;
	const html = page.locator('html');
	if ((await html.getAttribute('lang')) !== language) {
		const saved = page.waitForResponse(
			(response) => response.url().endsWith('/api/me') && response.request().method() === 'PATCH'
		);
		await page.getByRole('banner').getByRole('combobox').selectOption(language);
		await saved;
	}
	await expect(html).toHaveAttribute('lang', language);
}

/**
 * Waits until the service worker controls the page, as after a user's first visit. The worker
 * claims the tab that installed it; should the claim miss this document (it was replaced by a
 * navigation while the worker installed), a reload — what a user's next visit does — is
 * controlled. A worker that never activates fails with its registration's state.
 */
export async function controlledByServiceWorker(page: Page): Promise<void> {
	const state = () =>
		page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			const worker = registration?.active ?? registration?.waiting ?? registration?.installing;
			return {
				controlled: navigator.serviceWorker.controller !== null,
				worker: worker?.state ?? 'none'
			};
		});
	await expect.poll(async () => (await state()).worker, { timeout: 30_000 }).toBe('activated');
	if (!(await state()).controlled) await page.reload();
	await expect.poll(async () => (await state()).controlled, { timeout: 10_000 }).toBe(true);
}
