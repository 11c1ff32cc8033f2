import * as v from 'valibot';
import { MemberSchema, type GroupState, type Member, type Policy } from '$lib/domain/index.ts';
import type { IntentDraft } from './group-workspace.svelte.ts';
import { holderTest, seatProducts } from './license-actions.ts';

/**
 * The users CSV: `email,name,product`, plus `rightsGroup` (U3) or `modules` (P12) where the
 * policy uses them; the export adds `status`. Rows are checked here, before anything is proposed:
 * a bad row is reported (row, column, reason code) and proposes nothing.
 */

/** Why a row was not imported; translated under `users.import.reasons.<code>`. */
export type RowReason =
	| 'email-missing'
	| 'email-invalid'
	| 'name-too-long'
	| 'product-unknown'
	| 'rights-group-unknown'
	| 'module-unknown'
	| 'duplicate'
	| 'already-member'
	| 'already-licensed'
	| 'malformed';

/** A row that will not be imported. `row` is the line in the file (the header is line 1). */
export interface RowProblem {
	row: number;
	column: string | null;
	/** A `RowReason`, or a domain error code when the engine refused the row (e.g. no free seat). */
	code: string;
	params: Record<string, string | number>;
}

/** A good row and what it proposes. */
export interface PlannedRow {
	row: number;
	email: string;
	drafts: IntentDraft[];
	/** P12: modules to open once the authority has added the person (their id is its choice). */
	modules: string[];
}

/** The columns of the users CSV under a policy (without the export's `status`). */
export function csvColumns(policy: Policy): string[] {
	const model = policy.licenseModel.kind;
	return [
		'email',
		'name',
		...(model === 'module-access' ? ['modules'] : ['product']),
		...(model === 'rights-group' ? ['rightsGroup'] : [])
	];
}

const emailSchema = MemberSchema.entries.email;
const listOf = (cell: string) =>
	cell
		.split(/[;|]/)
		.map((part) => part.trim())
		.filter(Boolean);
const normalize = (email: string) => email.trim().toLowerCase();

/** What checking rows needs to know. */
export interface ImportContext {
	policy: Policy;
	/** The previewed state (decided + my pending intents). */
	state: GroupState;
}

/** The e-mail index of a state's members (lower-cased address → member). */
function membersByEmail(state: GroupState): Map<string, Member> {
	const byEmail = new Map<string, Member>();
	for (const member of Object.values(state.members)) byEmail.set(normalize(member.email), member);
	return byEmail;
}

type Checked = { ok: true; planned: PlannedRow } | { ok: false; problem: RowProblem };

/** What the common checks of a row found, for the model-specific part. */
interface RowBasics {
	row: number;
	email: string;
	name: string;
	/** Products named in the row (may be empty). */
	products: string[];
	fail: (column: string | null, code: RowReason, params?: RowProblem['params']) => Checked;
}

/** U1 (named licenses): one `assign-license` per product, by address or to the member. */
function namedRow(
	basics: RowBasics,
	policy: Policy,
	existing: Member | undefined,
	holds: (member: Member, product: string) => boolean
): Checked {
	const { row, email, name, products } = basics;
	const wanted =
		products.length > 0
			? products
			: seatProducts(policy)
					.slice(0, 1)
					.map((p) => p.id);
	const held = existing === undefined ? undefined : wanted.find((p) => holds(existing, p));
	if (held !== undefined) return basics.fail('product', 'already-licensed', { value: held });
	const target =
		existing === undefined ? { by: 'email', email, name } : { by: 'member', memberId: existing.id };
	const drafts = wanted.map((product) => ({ kind: 'assign-license', product, target }));
	return { ok: true, planned: { row, email, drafts, modules: [] } };
}

/** U3, D3, P12: one `add-member`, with its rights group; modules follow once it is decided. */
function memberRow(
	basics: RowBasics,
	policy: Policy,
	cells: Record<string, string | undefined>
): Checked {
	const { row, email, name } = basics;
	const model = policy.licenseModel;
	let rightsGroup: string | null = null;
	if (model.kind === 'rights-group') {
		rightsGroup = (cells.rightsGroup ?? '').trim() || model.defaultGroup;
		if (!model.groups.some((g) => g.id === rightsGroup))
			return basics.fail('rightsGroup', 'rights-group-unknown', { value: rightsGroup });
	}
	const offered = seatProducts(policy).map((p) => p.id);
	const modules = model.kind === 'module-access' ? listOf(cells.modules ?? '') : [];
	const unknownModule = modules.find((m) => !offered.includes(m));
	if (unknownModule !== undefined)
		return basics.fail('modules', 'module-unknown', { value: unknownModule });
	const draft = { kind: 'add-member', email, name, rightsGroup, permissions: [] };
	return { ok: true, planned: { row, email, drafts: [draft], modules } };
}

/** Checks the cells of one row and builds its drafts. */
function checkRow(
	cells: Record<string, string | undefined>,
	row: number,
	context: ImportContext,
	existing: Member | undefined,
	holds: (member: Member, product: string) => boolean
): Checked {
	const { policy } = context;
	const fail: RowBasics['fail'] = (column, code, params = {}) => ({
		ok: false,
		problem: { row, column, code, params }
	});
	const email = (cells.email ?? '').trim();
	if (email === '') return fail('email', 'email-missing');
	if (!v.is(emailSchema, email)) return fail('email', 'email-invalid', { value: email });
	const name = (cells.name ?? '').trim() || email;
	if (name.length > 200) return fail('name', 'name-too-long');
	const products = listOf(cells.product ?? '');
	const unknownProduct = products.find((p) => !policy.products.some((known) => known.id === p));
	if (unknownProduct !== undefined)
		return fail('product', 'product-unknown', { value: unknownProduct });
	const basics = { row, email, name, products, fail };
	if (policy.licenseModel.kind === 'named') return namedRow(basics, policy, existing, holds);
	if (existing !== undefined) return fail('email', 'already-member', { value: email });
	return memberRow(basics, policy, cells);
}

/**
 * Checks parsed rows (header already applied). Rows whose cells are all empty are skipped;
 * a repeated address is reported on its second row; nothing about a bad row is proposed.
 */
export function planImport(
	rows: readonly Record<string, string | undefined>[],
	context: ImportContext
): { planned: PlannedRow[]; problems: RowProblem[] } {
	const existing = membersByEmail(context.state);
	const holds = holderTest(context.policy, context.state);
	const firstRow = new Map<string, number>();
	const planned: PlannedRow[] = [];
	const problems: RowProblem[] = [];
	rows.forEach((cells, index) => {
		const row = index + 2;
		if (Object.values(cells).every((cell) => (cell ?? '').trim() === '')) return;
		const key = normalize(cells.email ?? '');
		const first = firstRow.get(key);
		if (key !== '' && first !== undefined) {
			problems.push({ row, column: 'email', code: 'duplicate', params: { first } });
			return;
		}
		if (key !== '') firstRow.set(key, row);
		const checked = checkRow(cells, row, context, existing.get(key), holds);
		if (checked.ok) planned.push(checked.planned);
		else problems.push(checked.problem);
	});
	return { planned, problems };
}

/** The export's rows: the import's columns plus `status`, lists joined with `;`. */
export function exportRows(
	members: readonly Member[],
	context: ImportContext
): Record<string, string>[] {
	const { policy } = context;
	const products = seatProducts(policy).map((p) => p.id);
	const holds = holderTest(policy, context.state);
	return members.map((member) => {
		const held = products.filter((product) => holds(member, product)).join(';');
		const row: Record<string, string> = { email: member.email, name: member.name };
		if (policy.licenseModel.kind === 'module-access') row.modules = held;
		else row.product = held;
		if (policy.licenseModel.kind === 'rights-group') row.rightsGroup = member.rightsGroup ?? '';
		row.status = member.status;
		return row;
	});
}
