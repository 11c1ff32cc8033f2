import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/**
 * Registers a device on the Licenses tab for the `user`-th person the picker suggests (1 = the
 * first), by element ids rather than labels so that the same steps run in every language.
 */
export async function registerDevice(page: Page, code: string, user: number): Promise<void> {
	const form = page.getByTestId('register-form');
	const picker = form.locator('#register-member');
	await picker.click();
	await form
		.getByRole('option')
		.nth(user - 1)
		.click();
	await expect(picker).not.toHaveAttribute('data-chosen', '');
	await form.locator('#register-code').fill(code);
	await form.locator('button[type="submit"]').click();
}
