import {
	adminAddressWarnings,
	type AdminEntry,
	type GroupState,
	type Member,
	type Role,
	type Warning
} from '$lib/domain/index.ts';
import type { DecisionRecord } from '$lib/sync/authority-doc.ts';
import { untrack } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import { memberByEmail, readInvites, writeInvites, type PendingInvite } from './admin-invites.ts';
import {
	outcomeOf,
	proposeChecked,
	refuse,
	type ActionResult,
	type IntentOutcome
} from './checked-intent.ts';
import type { GroupWorkspace, IntentDraft } from './group-workspace.svelte.ts';

/** The roles an owner grants with set-roles; billable moves on its own (G2). */
export const grantableRoles = ['owner', 'admin', 'viewer'] as const;

/** A role the owner grants. */
export type GrantableRole = (typeof grantableRoles)[number];

/** What the invitation form holds. */
export interface InviteInput {
	email: string;
	name: string;
	roles: GrantableRole[];
}

/** A person holding a role in the group, as the Administrators screen lists them. */
export interface PersonRow {
	member: Member;
	billable: boolean;
	me: boolean;
	/** One of my intents about this person waits for the authority. */
	pending: boolean;
}

const roleOrder: Record<Role, number> = { owner: 0, admin: 1, billable: 2, viewer: 3 };
const rank = (member: Member) => Math.min(...member.roles.map((role) => roleOrder[role]));

/**
 * G1/G2/G3: the group's administrators and their roles, the one billable admin, and the owner's
 * actions — invite an admin, change roles, name the billable admin — each checked by the domain
 * engine before it is proposed, so bad input changes nothing.
 */
export class AdminDirectory {
	readonly #workspace: GroupWorkspace;
	#invites = $state.raw<PendingInvite[]>([]);
	/** Roles intents proposed again (linked accounts): first id → the one that replaced it. */
	readonly #retried = new SvelteMap<string, string>();
	readonly #stop: () => void;

	readonly #people = $derived.by((): PersonRow[] => {
		const preview = this.#workspace.preview;
		if (!preview) return [];
		return Object.values(preview.state.members)
			.filter((member) => member.roles.length > 0)
			.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
			.map((member) => ({
				member,
				billable: member.roles.includes('billable'),
				me: member.id === this.#workspace.userId,
				pending: preview.touched.has(member.id)
			}));
	});

	constructor(workspace: GroupWorkspace) {
		this.#workspace = workspace;
		this.#invites = readInvites(workspace.groupId, workspace.userId);
		this.#stop = $effect.root(() => {
			$effect(() => {
				const decisions = this.#workspace.decisions;
				const state = this.#workspace.decided;
				// Only new decisions re-run the follow-up, not the intents it proposes itself.
				untrack(() => {
					this.#followUp(decisions, state);
				});
			});
		});
	}

	/** Everyone with a role (owners, administrators, billable admin, viewers). */
	get people(): PersonRow[] {
		return this.#people;
	}

	/** G2: the one billable administrator. */
	get billable(): AdminEntry | null {
		return this.#workspace.view?.billableAdmin ?? null;
	}

	/** Who may become billable admin: the owners and license administrators. */
	get billableCandidates(): Member[] {
		return this.#people
			.map((row) => row.member)
			.filter((member) => member.roles.includes('owner') || member.roles.includes('admin'));
	}

	/** Only the owner invites admins and changes roles (G2); the others see the list. */
	get canManage(): boolean {
		const me = this.#workspace.preview?.state.members[this.#workspace.userId];
		return this.#workspace.canWrite && me?.roles.includes('owner') === true;
	}

	/** G3: this group wants a generic, role-based admin address. */
	get roleBasedAddress(): boolean {
		return this.#workspace.policy?.roleBasedAdminAddress === true;
	}

	/** G3: warnings for an address typed into the invitation form (never a refusal). */
	addressWarnings(email: string): Warning[] {
		const address = email.trim();
		if (!this.roleBasedAddress || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) return [];
		return adminAddressWarnings(address);
	}

	/** Where an intent this screen proposed stands (pending, accepted, refused). */
	readonly outcome = (intentId: string): IntentOutcome => {
		let id = intentId;
		// An invitation's roles proposed again for a linked account stand for the first ones.
		for (let next = this.#retried.get(id); next !== undefined; next = this.#retried.get(id))
			id = next;
		return outcomeOf(this.#workspace, id);
	};

	/** Invites an administrator: the person joins the group, then gets the chosen roles. */
	invite(input: InviteInput): ActionResult {
		const email = input.email.trim();
		if (input.roles.length === 0) return refuse('admin.role-required');
		const state = this.#workspace.preview?.state;
		if (!state) return refuse('internal.unexpected');
		const existing = memberByEmail(state, email);
		if (existing) {
			if (existing.roles.some((role) => role !== 'billable'))
				return refuse('member.email-taken', { email });
			return this.setRoles(existing.id, input.roles);
		}
		const joined = proposeChecked(this.#workspace, this.#joinDraft(email, input.name.trim()));
		if (!joined.ok) return joined;
		// The preview now includes the join: the local engine named the new member.
		const member = this.#memberByEmail(email);
		if (!member) return refuse('internal.unexpected');
		const roles = this.setRoles(member.id, input.roles);
		if (!roles.ok) return roles;
		this.#remember({
			joinIntentId: joined.intentId,
			rolesIntentId: roles.intentId,
			email,
			roles: input.roles
		});
		const warnings = [...joined.warnings, ...this.addressWarnings(email)];
		return {
			...roles,
			warnings: warnings.filter((w, i) => warnings.findIndex((o) => o.code === w.code) === i)
		};
	}

	/** G2: the owner sets a person's roles (owner, admin, viewer). */
	setRoles(memberId: string, roles: readonly GrantableRole[]): ActionResult {
		return proposeChecked(this.#workspace, { kind: 'set-roles', memberId, roles: [...roles] });
	}

	/** G2/I3: names the one billable administrator. */
	setBillable(memberId: string): ActionResult {
		if (memberId === '') return refuse('admin.billable-required');
		return proposeChecked(this.#workspace, { kind: 'set-billable-admin', memberId });
	}

	destroy(): void {
		this.#stop();
	}

	/** How a person joins: given a license where everyone needs one (U4), else added. */
	#joinDraft(email: string, name: string): IntentDraft {
		const policy = this.#workspace.policy;
		const model = policy?.licenseModel;
		const product = policy?.products[0]?.id;
		if (model?.kind === 'named' && model.everyoneNeedsSeat && product !== undefined)
			return {
				kind: 'assign-license',
				product,
				target: { by: 'email', email, name: name || email }
			};
		return { kind: 'add-member', email, name: name || email, rightsGroup: null, permissions: [] };
	}

	#memberByEmail(email: string): Member | undefined {
		const state = this.#workspace.preview?.state;
		return state ? memberByEmail(state, email) : undefined;
	}

	#remember(invite: PendingInvite): void {
		this.#invites = [...this.#invites, invite];
		writeInvites(this.#workspace.groupId, this.#workspace.userId, this.#invites);
	}

	/**
	 * Settles invitations as decisions arrive: roles accepted → done; the person joined under
	 * another id (a linked account) → the roles are proposed again for that member; joining
	 * refused → done (the refusal is shown with the other rejections).
	 */
	#followUp(decisions: ReadonlyMap<string, DecisionRecord>, state: GroupState | undefined): void {
		if (this.#invites.length === 0 || !state) return;
		const open: PendingInvite[] = [];
		for (const invite of this.#invites) {
			const joined = decisions.get(invite.joinIntentId)?.decision;
			const roles = decisions.get(invite.rolesIntentId)?.decision;
			if (joined?.outcome === 'rejected' || roles?.outcome === 'accepted') continue;
			if (joined?.outcome !== 'accepted' || roles?.outcome !== 'rejected') {
				open.push(invite);
				continue;
			}
			const member = memberByEmail(state, invite.email);
			if (roles.code !== 'member.unknown' || !member) continue;
			const retry = proposeChecked(this.#workspace, {
				kind: 'set-roles',
				memberId: member.id,
				roles: invite.roles
			});
			this.#workspace.dismissRejection(invite.rolesIntentId);
			if (retry.ok) {
				this.#retried.set(invite.rolesIntentId, retry.intentId);
				open.push({ ...invite, rolesIntentId: retry.intentId });
			}
		}
		if (open.length !== this.#invites.length || open.some((o, i) => o !== this.#invites[i])) {
			this.#invites = open;
			writeInvites(this.#workspace.groupId, this.#workspace.userId, open);
		}
	}
}
