import type { GroupState, Policy } from '../../src/lib/domain/index.ts';
import { formatDate } from '../../src/lib/i18n/format.ts';
import type { Language } from '../../src/lib/i18n/languages.ts';
import { newInvitation } from '../auth/invitations.ts';
import type { AuthorityEngine } from '../authority/authority-engine.ts';
import type { Clock } from '../clock.ts';
import type {
	AccountStore,
	InvitationRecord,
	OutboxEntry,
	RenderedEmail
} from '../storage/types.ts';
import { renderEmail } from './email-render.ts';
import type { EmailTemplates } from './email-templates.ts';
import { displayValues } from './email-values.ts';
import type { MailConfig } from './mail-config.ts';
import { resolveRecipient, type Recipient } from './recipients.ts';

/** What rendering needs from the mailer. */
export interface RenderDeps {
	accounts: AccountStore;
	engine: AuthorityEngine;
	clock: Clock;
	config: MailConfig;
	publicUrl: string;
	templates: EmailTemplates;
}

/** A group as its e-mails mention it. */
export interface GroupContext {
	name: string | null;
	policy: Policy | undefined;
	state: GroupState | undefined;
}

/** A rendered entry (with the invitation its link opens), or why there is nothing to send. */
export type RenderResult =
	| { ok: true; message: RenderedEmail; invitation?: InvitationRecord }
	| { ok: false; error: string };

const noGroup: GroupContext = { name: null, policy: undefined, state: undefined };

async function loadGroup(deps: RenderDeps, groupId: string): Promise<GroupContext> {
	const group = await deps.accounts.findGroup(groupId);
	if (!group) return noGroup;
	// Through the engine, so the state read is the one the authority holds after its commits.
	const state = await deps.engine.run(groupId, (authority) => Promise.resolve(authority.state));
	return { name: group.name, policy: deps.engine.policyOf(group), state };
}

/** U1: the link of an invitation e-mail, with a fresh token that only this e-mail carries. */
function invitationValues(
	deps: RenderDeps,
	entry: OutboxEntry,
	recipient: Recipient,
	group: GroupContext
): { values: Record<string, string>; invitation: InvitationRecord } | { error: string } {
	const memberId = entry.recipient.memberId;
	const member = memberId === null ? undefined : group.state?.members[memberId];
	if (!entry.groupId || !member) return { error: 'invitation.member-unknown' };
	if (member.status !== 'awaiting-registration') return { error: 'invitation.already-registered' };
	const { token, record } = newInvitation(
		{ memberId: member.id, groupId: entry.groupId, email: recipient.address, emailId: entry.id },
		deps.clock.now()
	);
	const inviter = member.licenseAdmin ? group.state?.members[member.licenseAdmin]?.name : undefined;
	const language = recipient.language;
	const someone = deps.templates.text(language, 'layout.someone') ?? '';
	return {
		invitation: record,
		values: {
			link: `${deps.publicUrl}/register/${token}`,
			expiresOn: formatDate(record.expiresAt, language, 'long'),
			inviter: inviter ?? someone
		}
	};
}

const methodName = (deps: RenderDeps, language: Language) => (method: string) =>
	deps.templates.text(language, `methods.${method}`) ?? method;

/**
 * Renders one outbox entry for its recipient: who it goes to (recipients.ts), the parameters in
 * their language (email-values.ts), and the template (email-render.ts). Group contexts are cached
 * per pass in `groups`.
 */
export async function renderOutboxEntry(
	deps: RenderDeps,
	entry: OutboxEntry,
	groups: Map<string, Promise<GroupContext>>
): Promise<RenderResult> {
	let group = noGroup;
	if (entry.groupId !== null) {
		let loading = groups.get(entry.groupId);
		if (!loading) {
			loading = loadGroup(deps, entry.groupId);
			groups.set(entry.groupId, loading);
		}
		group = await loading;
	}
	const recipient = await resolveRecipient(entry.recipient, {
		accounts: deps.accounts,
		state: group.state,
		vendorEmail: deps.config.vendorEmail
	});
	if (!recipient) return { ok: false, error: 'recipient.unresolved' };
	const { language } = recipient;
	const values = displayValues(entry.params, {
		language,
		policy: group.policy,
		method: methodName(deps, language)
	});
	let invitation: InvitationRecord | undefined;
	if (entry.kind === 'invitation.sent') {
		const invited = invitationValues(deps, entry, recipient, group);
		if ('error' in invited) return { ok: false, error: invited.error };
		Object.assign(values, invited.values);
		invitation = invited.invitation;
	}
	const content = renderEmail(deps.templates, {
		kind: entry.kind,
		language,
		values,
		recipientName: recipient.name,
		groupName: group.name
	});
	const message = { to: recipient.address, language, ...content };
	return invitation ? { ok: true, message, invitation } : { ok: true, message };
}
