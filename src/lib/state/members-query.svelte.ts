import type { Member } from '$lib/domain/index.ts';
import type { GroupWorkspace } from './group-workspace.svelte.ts';
import { holderTest } from './license-actions.ts';
import {
	buildMemberIndex,
	MemberQuery,
	type MemberEntry,
	type MemberFilter,
	type MemberIndex,
	type QueryContext,
	type StatusFilter
} from './member-index.ts';

const noMembers: Readonly<Record<string, Member>> = {};
const noTouched: ReadonlySet<string> = new Set();

/**
 * The Users screen's search, filters and result over the previewed members (decided state plus
 * my pending intents). The index is rebuilt when the members change; a keystroke only filters.
 * A member my pending intents touch stays in a product filter while the change is pending, so
 * a recalled license does not vanish before the authority has decided it.
 */
export class MembersQuery {
	readonly #workspace: GroupWorkspace;
	readonly #query = new MemberQuery();
	#text = $state('');
	#status = $state<StatusFilter>('');
	#rightsGroup = $state('');
	#product = $state('');

	/** The last index built, to merge the next state's few changes into (not reactive). */
	#lastIndex: MemberIndex | undefined;

	readonly #index = $derived.by(() => {
		const members = this.#workspace.preview?.state.members ?? noMembers;
		this.#lastIndex = buildMemberIndex(members, this.#lastIndex);
		return this.#lastIndex;
	});

	readonly #context = $derived.by((): QueryContext => {
		const workspace = this.#workspace;
		const preview = workspace.preview;
		const policy = workspace.policy;
		const decided = workspace.decided;
		if (!preview || !policy || !decided) return { holds: () => false, touched: noTouched };
		const now = holderTest(policy, preview.state);
		const before = holderTest(policy, decided);
		const touched = preview.touched;
		return {
			touched,
			holds: (member, product) => {
				if (now(member, product)) return true;
				const earlier = touched.has(member.id) ? decided.members[member.id] : undefined;
				return earlier !== undefined && before(earlier, product);
			}
		};
	});

	readonly #result = $derived.by((): readonly MemberEntry[] =>
		this.#query.run(this.#index, this.filter, this.#context)
	);

	constructor(workspace: GroupWorkspace, initial: Partial<MemberFilter> = {}) {
		this.#workspace = workspace;
		this.#text = initial.text ?? '';
		this.#status = initial.status ?? '';
		this.#rightsGroup = initial.rightsGroup ?? '';
		this.#product = initial.product ?? '';
	}

	get text(): string {
		return this.#text;
	}
	set text(value: string) {
		this.#text = value;
	}

	get status(): StatusFilter {
		return this.#status;
	}
	set status(value: StatusFilter) {
		this.#status = value;
	}

	get rightsGroup(): string {
		return this.#rightsGroup;
	}
	set rightsGroup(value: string) {
		this.#rightsGroup = value;
	}

	get product(): string {
		return this.#product;
	}
	set product(value: string) {
		this.#product = value;
	}

	/** The current filter as one value. */
	get filter(): MemberFilter {
		return {
			text: this.#text,
			status: this.#status,
			rightsGroup: this.#rightsGroup,
			product: this.#product
		};
	}

	/** Whether any filter is set. */
	get filtered(): boolean {
		return this.#text !== '' || this.#status !== '' || this.#rightsGroup !== '' || !!this.#product;
	}

	/** The members shown, in name order. */
	get members(): readonly MemberEntry[] {
		return this.#result;
	}

	/** How many members the group has (previewed). */
	get total(): number {
		return this.#index.entries.length;
	}

	/** Clears every filter. */
	reset(): void {
		this.#text = '';
		this.#status = '';
		this.#rightsGroup = '';
		this.#product = '';
	}
}
