import { readFileSync } from 'node:fs';
import { expect, signIn, test } from './fixtures.ts';
import { online, rowWith } from './users-helpers.ts';

/** Rights-group licenses (preset 002): guests use no seat, so a thousand of them fit. */
const projects = '/groups/demo-named-users';

/** 1,000 data rows: 994 good ones and one of each kind of bad row, spread through the file. */
function thousandRows(): { text: string; good: number } {
	const lines = ['email,name,product,rightsGroup'];
	const bad = new Map<number, string>([
		[10, 'not-an-address,Broken Address,,guest'],
		[250, 'wrong.product@acme.example,Wrong Product,no-such-product,guest'],
		[400, 'import.person.5@acme.example,Twice In The File,,guest'],
		[600, 'zoe.fournier@acme.example,Already Here,,guest'],
		[800, 'wrong.group@acme.example,Wrong Group,,boss'],
		[900, 'one.too.many@acme.example,Too,Many,guest,extra']
	]);
	let good = 0;
	for (let index = 0; index < 1_000; index++) {
		const broken = bad.get(index);
		if (broken !== undefined) {
			lines.push(broken);
			continue;
		}
		lines.push(`import.person.${good}@acme.example,Import Person ${good},,guest`);
		good++;
	}
	return { text: lines.join('\n'), good };
}

test('CSV import of 1,000 users shows progress in batches and reports the bad rows', async ({
	page,
	tessera
}) => {
	await signIn(page, tessera.url, 'alex.admin@acme.example');
	await page.goto(`${tessera.url}${projects}/users`);
	await online(page);
	const existing = await page.locator('[role="row"][data-member]').count();
	const before = Number((await page.getByTestId('users-count').innerText()).replace(/\D/g, ''));
	expect(existing).toBeGreaterThan(0);

	// Record every value the progress bar takes, to see the batches without timing anything.
	await page.evaluate(() => {
		const seen: string[] = [];
		Object.assign(window, { progressSeen: seen });
		new MutationObserver(() => {
			const bar = document.querySelector('[role="progressbar"]');
			const value = bar?.getAttribute('aria-valuenow');
			if (value && seen.at(-1) !== value) seen.push(value);
		}).observe(document.body, { subtree: true, childList: true, attributes: true });
	});

	const { text, good } = thousandRows();
	await page.getByRole('button', { name: 'Import CSV' }).click();
	await page.locator('#import-file').setInputFiles({
		name: 'thousand.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(text)
	});
	await page.getByRole('button', { name: 'Import', exact: true }).click();

	const bar = page.getByRole('progressbar');
	await expect(bar).toHaveAttribute('aria-valuemax', String(good));
	await expect(bar).toHaveAttribute('aria-valuenow', String(good));
	await expect(page.getByTestId('import-summary')).toContainText('994 users sent');
	const seen = await page.evaluate(
		() => (window as unknown as { progressSeen: string[] }).progressSeen
	);
	expect(seen.length).toBeGreaterThan(5);
	expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => a - b));

	const report = page.getByTestId('import-report');
	await expect(report.locator('tbody tr')).toHaveCount(6);
	const expected: [number, string, string][] = [
		[12, 'email-invalid', '“not-an-address” is not a valid e-mail address.'],
		[252, 'product-unknown', '“no-such-product” is not a product of this group.'],
		[402, 'duplicate', 'This address already appears on row 7.'],
		[602, 'already-member', 'zoe.fournier@acme.example is already a user of this group.'],
		[802, 'rights-group-unknown', '“boss” is not a rights group of this group.'],
		[902, 'malformed', 'This row could not be read']
	];
	for (const [row, code, reason] of expected) {
		const line = report.locator(`tr[data-row="${row}"]`);
		await expect(line).toHaveAttribute('data-code', code);
		await expect(line).toContainText(reason);
	}

	// The good rows become users once decided; the bad ones changed nothing.
	await expect(page.getByTestId('pending-count')).toHaveCount(0, { timeout: 30_000 });
	await expect(page.getByTestId('users-count')).toContainText(
		new Intl.NumberFormat('en').format(before + good)
	);
	await page.getByLabel('Search', { exact: true }).fill('not-an-address');
	await expect(page.locator('[role="row"][data-member]')).toHaveCount(0);
	await page.getByLabel('Search', { exact: true }).fill('import.person.993@');
	await expect(rowWith(page, 'Import Person 993')).toContainText('Guest');
});

test('a CSV without an e-mail column is refused with a translated message; nothing changes', async ({
	page,
	tessera
}) => {
	await signIn(page, tessera.url, 'jonas.weber@acme.example', 'de');
	await page.goto(`${tessera.url}${projects}/users`);
	await online(page);
	const count = await page.getByTestId('users-count').innerText();
	await page.getByRole('button', { name: 'CSV importieren' }).click();
	await page.locator('#import-file').setInputFiles({
		name: 'no-email.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('name,product\nNo Address,workspace\n')
	});
	await page.getByRole('button', { name: 'Importieren', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('Diese Datei hat keine Spalte „email“');
	await expect(page.getByRole('progressbar')).toHaveCount(0);
	await expect(page.getByTestId('users-count')).toHaveText(count);
	await expect(page.getByTestId('pending-count')).toHaveCount(0);
});

test('export writes the users shown, with the import columns and their status', async ({
	page,
	tessera
}) => {
	await signIn(page, tessera.url, 'alex.admin@acme.example');
	await page.goto(`${tessera.url}/groups/demo-license-groups/users`);
	await online(page);
	await page.getByLabel('Status', { exact: true }).selectOption('awaiting-registration');
	const shown = await page.locator('[role="row"][data-member]').count();
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: /Export CSV/ }).click();
	const file = await (await download).path();
	const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
	expect(lines[0]).toBe('email,name,product,status');
	expect(lines).toHaveLength(shown + 1);
	for (const line of lines.slice(1)) expect(line).toMatch(/,awaiting-registration$/);
});
