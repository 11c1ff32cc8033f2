import { expect, signIn, test } from './fixtures.ts';
import { online } from './users-helpers.ts';

const users = '/groups/demo-license-groups/users';

test('two admins co-edit a user: each sees the other there, and both edits of the note merge', async ({
	browser,
	tessera
}) => {
	const alexContext = await browser.newContext();
	const camilleContext = await browser.newContext();
	const alex = await alexContext.newPage();
	const camille = await camilleContext.newPage();
	await signIn(alex, tessera.url, 'alex.admin@acme.example');
	await signIn(camille, tessera.url, 'camille.martin@acme.example');
	await alex.goto(tessera.url + users);
	await camille.goto(tessera.url + users);
	await online(alex);
	await online(camille);

	const row = (page: typeof alex) => page.locator('[role="row"][data-member]').nth(3);
	const memberId = await row(alex).getAttribute('data-member');
	const same = (page: typeof alex) => page.locator(`[role="row"][data-member="${memberId}"]`);
	await row(alex).getByRole('button').first().click();
	await alex.getByTestId('note-field').fill('Needs the 2027 catalogue');

	// Camille sees Alex online, on this user's row, and his words as he types them.
	await expect(camille.getByTestId('presence')).toContainText('Alex Admin');
	await expect(same(camille).locator('.editing')).toHaveText('Alex Admin');
	await expect(same(camille).getByTestId('note-preview')).toHaveText('Needs the 2027 catalogue');

	// She opens the same user: her panel says Alex is on it too, and she adds to the note.
	await same(camille).getByRole('button').first().click();
	await expect(camille.getByTestId('panel-presence')).toContainText(
		'Alex Admin travaille aussi sur cet utilisateur'
	);
	await expect(alex.getByTestId('panel-presence')).toContainText(
		'Camille Martin is also working on this user'
	);
	const field = camille.getByTestId('note-field');
	await expect(field).toHaveValue('Needs the 2027 catalogue');
	await field.press('Control+End');
	await field.pressSequentially(' — commandé');
	await alex.getByTestId('note-field').press('Control+Home');
	await alex.getByTestId('note-field').pressSequentially('Urgent: ');

	const merged = 'Urgent: Needs the 2027 catalogue — commandé';
	await expect(alex.getByTestId('note-field')).toHaveValue(merged);
	await expect(camille.getByTestId('note-field')).toHaveValue(merged);

	// Alex closes the user: Camille no longer sees him on it.
	await alex.getByTestId('member-panel').getByRole('button', { name: 'Close' }).click();
	await expect(camille.getByTestId('panel-presence')).toHaveCount(0);
	await alexContext.close();
	await camilleContext.close();
});
