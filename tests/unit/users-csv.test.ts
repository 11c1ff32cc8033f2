import { describe, expect, it } from 'vitest';
import { decideIntents } from '../../src/lib/domain/index.ts';
import { engineRefusals, moduleFollowUps } from '../../src/lib/state/csv-engine.ts';
import { parseUsersCsv, writeCsv } from '../../src/lib/state/csv-file.ts';
import { csvColumns, exportRows, planImport } from '../../src/lib/state/csv-rows.ts';
import { checkNewcomer } from '../../src/lib/state/newcomer-check.ts';
import { at, groupWithSeats, ownerId, preset, withMember } from '../domain/fixtures.ts';

const named = preset('license-groups');
const rights = preset('named-rights-groups');
const modules = preset('modules-packs');
const now = at('2026-02-01');

describe('users CSV: every bad row is reported with its line, column and reason', () => {
	const state = withMember(groupWithSeats(named, 3), {
		id: 'holder',
		email: 'Holder@Acme.example',
		licenses: ['designer']
	});

	it('U1 plans a license per good row and reports the bad ones (nothing proposed for them)', async () => {
		const parsed = await parseUsersCsv(
			[
				'\uFEFFE-mail,Name,Product',
				'ann@acme.example,Ann,designer',
				'not-an-address,Broken,designer',
				'bob@acme.example,Bob,no-such-product',
				'ANN@acme.example,Ann again,',
				'holder@acme.example,Holder,designer',
				',No address,',
				'',
				'carl@acme.example,Carl,designer,one too many',
				'dora@acme.example,,',
				'"eve@acme.example,an unbalanced quote runs to the end of the file',
				'fay@acme.example,Fay,designer'
			].join('\n')
		);
		expect(parsed.columns).toEqual(['email', 'name', 'product']);
		const { planned, problems } = planImport(parsed.rows, { policy: named, state });
		expect(planned.map((row) => [row.row, row.email])).toEqual([
			[2, 'ann@acme.example'],
			[10, 'dora@acme.example']
		]);
		expect(planned[1]?.drafts).toEqual([
			{
				kind: 'assign-license',
				product: 'designer',
				target: { by: 'email', email: 'dora@acme.example', name: 'dora@acme.example' }
			}
		]);
		const all = [...parsed.problems, ...problems].sort((a, b) => a.row - b.row);
		expect(all.map((p) => [p.row, p.column, p.code])).toEqual([
			[3, 'email', 'email-invalid'],
			[4, 'product', 'product-unknown'],
			[5, 'email', 'duplicate'],
			[6, 'product', 'already-licensed'],
			[7, 'email', 'email-missing'],
			[9, null, 'malformed'],
			[11, null, 'malformed']
		]);
		expect(all.find((p) => p.code === 'duplicate')?.params).toEqual({ first: 2 });
	});

	it('U3 takes the rights group from its column (the default when empty) and knows members', () => {
		const base = withMember(groupWithSeats(rights, 5), {
			id: 'known',
			email: 'known@acme.example',
			rightsGroup: 'guest'
		});
		const { planned, problems } = planImport(
			[
				{ email: 'a@acme.example', name: 'A', rightsGroup: 'employee' },
				{ email: 'b@acme.example', name: 'B', rightsGroup: '' },
				{ email: 'c@acme.example', name: 'C', rightsGroup: 'boss' },
				{ email: 'known@acme.example', name: 'Known' }
			],
			{ policy: rights, state: base }
		);
		expect(planned.map((row) => row.drafts[0])).toEqual([
			{
				kind: 'add-member',
				email: 'a@acme.example',
				name: 'A',
				rightsGroup: 'employee',
				permissions: []
			},
			{
				kind: 'add-member',
				email: 'b@acme.example',
				name: 'B',
				rightsGroup: 'guest',
				permissions: []
			}
		]);
		expect(problems.map((p) => [p.row, p.code])).toEqual([
			[4, 'rights-group-unknown'],
			[5, 'already-member']
		]);
	});

	it('P12 reads the modules column and opens them once the authority added the person', () => {
		const base = groupWithSeats(modules, 1);
		const { planned, problems } = planImport(
			[
				{ email: 'm@acme.example', name: 'M', modules: 'sales; crm' },
				{ email: 'n@acme.example', name: 'N', modules: 'sales;payroll' }
			],
			{ policy: modules, state: base }
		);
		expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
			[3, 'modules', 'module-unknown']
		]);
		expect(planned[0]?.modules).toEqual(['sales', 'crm']);
		const decisions = new Map([
			[
				'intent-m',
				{
					decision: { intentId: 'intent-m', outcome: 'accepted' as const, warnings: [] },
					author: ownerId,
					decidedAt: 1
				}
			]
		]);
		const members = withMember(base, { id: 'user-9', email: 'M@acme.example' }).members;
		const awaiting = [
			{ intentId: 'intent-m', email: 'm@acme.example', modules: ['sales', 'crm'] },
			{ intentId: 'intent-later', email: 'x@acme.example', modules: ['crm'] }
		];
		const { drafts, waiting } = moduleFollowUps(awaiting, decisions, members);
		expect(drafts).toEqual([
			{ kind: 'set-module-access', memberId: 'user-9', module: 'sales', access: true },
			{ kind: 'set-module-access', memberId: 'user-9', module: 'crm', access: true }
		]);
		expect(waiting.map((entry) => entry.intentId)).toEqual(['intent-later']);
	});

	it('reports the rows the engine would refuse on the previewed state, e.g. no free seat', () => {
		const threeSeats = groupWithSeats(named, 3);
		const rows = ['a', 'b', 'c', 'd'].map((name) => ({ email: `${name}@acme.example`, name }));
		const { planned } = planImport(rows, { policy: named, state: threeSeats });
		const { refused, problems } = engineRefusals(planned, {
			state: threeSeats,
			policy: named,
			userId: ownerId,
			now
		});
		expect([...refused]).toEqual([5]);
		expect(problems).toEqual([
			{
				row: 5,
				column: null,
				code: 'seat.none-free',
				params: { product: 'Designer seat', used: 3, purchased: 3 }
			}
		]);
	});

	it('exports the import columns plus status, and reads its own export back', async () => {
		const given = decideIntents(
			groupWithSeats(named, 3),
			[
				{
					id: 'give-1',
					author: ownerId,
					createdAt: now,
					kind: 'assign-license',
					product: 'designer',
					target: { by: 'email', email: 'eve@acme.example', name: '=cmd|x' }
				}
			],
			named,
			now
		).state;
		const members = Object.values(given.members);
		const text = await writeCsv(
			[...csvColumns(named), 'status'],
			exportRows(members, { policy: named, state: given })
		);
		const lines = text.split(/\r?\n/);
		expect(lines[0]).toBe('email,name,product,status');
		// A spreadsheet must not run a name as a formula: it is written as text.
		expect(lines).toContain(`eve@acme.example,"'=cmd|x",designer,awaiting-registration`);
		const back = await parseUsersCsv(text);
		expect(back.columns).toEqual(['email', 'name', 'product', 'status']);
	});
});

describe('give a license by e-mail: checked before anything is proposed', () => {
	const state = groupWithSeats(named, 3);
	const input = { name: '', product: 'designer', rightsGroup: '', permissions: [] };

	it('refuses an invalid address with the domain code, and proposes nothing', () => {
		expect(checkNewcomer(named, state, ownerId, { ...input, email: 'not an address' })).toEqual({
			ok: false,
			code: 'email.invalid',
			params: expect.any(Object) as object
		});
	});

	it('G4 warns about a free-mail address; a company address has no warning', () => {
		const gmail = checkNewcomer(named, state, ownerId, { ...input, email: 'kim@gmail.com' });
		expect(gmail.ok && gmail.warnings.map((w) => w.code)).toEqual(['address.free-mail']);
		const company = checkNewcomer(named, state, ownerId, { ...input, email: 'kim@acme.example' });
		expect(company.ok && company.warnings).toEqual([]);
	});

	it('G3 warns when an enterprise user who configures the account has a personal address', () => {
		const enterprise = preset('enterprise-devices');
		const base = groupWithSeats(enterprise, 2);
		const admin = { ...input, permissions: ['edit-settings'] };
		const personal = checkNewcomer(enterprise, base, ownerId, {
			...admin,
			email: 'jo@acme.example'
		});
		expect(personal.ok && personal.warnings.map((w) => w.code)).toEqual(['address.not-role-based']);
		const role = checkNewcomer(enterprise, base, ownerId, { ...admin, email: 'it@acme.example' });
		expect(role.ok && role.warnings).toEqual([]);
		const counter = checkNewcomer(enterprise, base, ownerId, {
			...input,
			permissions: ['count'],
			email: 'jo@acme.example'
		});
		expect(counter.ok && counter.warnings).toEqual([]);
	});
});
