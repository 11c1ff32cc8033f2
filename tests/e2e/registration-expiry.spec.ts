import { expect, signIn, test } from './fixtures.ts';
import {
	callApi,
	giveLicense,
	invitationLink,
	memberRow,
	operatorPage,
	person
} from './registration-steps.ts';
import { TesseraProcess } from './tessera-process.ts';

/**
 * U1: an invitation link lasts 14 days. Moving the test clock past that needs a server of its
 * own, so that no other journey lives through the jump.
 */
const own = new TesseraProcess();
test.beforeAll(async () => {
	await own.start();
});
test.afterAll(async () => {
	await own.dispose();
});

test('U1 an expired invitation link is refused with a translated message and changes nothing', async ({
	browser
}) => {
	const invitee = 'late.reader@example.com';
	const [adminContext, admin] = await person(browser);
	await signIn(admin, own.url, 'alex.admin@acme.example');
	await giveLicense(admin, own.url, 'demo-license-groups', invitee, 'Late Reader');
	const desk = await operatorPage(browser, own.url);
	const link = await invitationLink(desk.page, own.url, invitee);

	const later = await callApi(admin, 'POST', '/api/test/clock', {
		now: Date.now() + 15 * 24 * 60 * 60_000
	});
	expect(later.status).toBe(200);

	for (const [language, text] of [
		['en', 'This invitation link has expired.'],
		['fr', 'Ce lien d’invitation a expiré.'],
		['de', 'Dieser Einladungslink ist abgelaufen.']
	] as const) {
		const [context, page] = await person(browser, language);
		await page.goto(link);
		await expect(page.getByTestId('invitation-problem')).toContainText(text);
		await expect(page.getByRole('button')).toHaveCount(0);
		await context.close();
	}
	await admin.reload();
	await expect(memberRow(admin, invitee)).toContainText('Awaiting user registration');
	await desk.context.close();
	await adminContext.close();
});
