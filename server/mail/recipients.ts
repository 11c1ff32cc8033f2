import type { GroupState, Member } from '../../src/lib/domain/index.ts';
import { fallbackLanguage, toLanguage, type Language } from '../../src/lib/i18n/languages.ts';
import type { AccountStore, OutboxRecord } from '../storage/types.ts';

/** Who an e-mail goes to, and how they read. */
export interface Recipient {
	address: string;
	language: Language;
	/** For the greeting; `null` for the vendor's desk. */
	name: string | null;
}

/** The vendor's support desk reads English. */
const vendorLanguage: Language = 'en';

function ownerOf(state: GroupState | undefined): Member | undefined {
	return Object.values(state?.members ?? {}).find((member) => member.roles.includes('owner'));
}

/**
 * Resolves an outbox recipient at sending time. A member id is a user id (member id = user id),
 * so the account gives the language; `billable-admin` was already resolved by the domain (I3);
 * `vendor` is the configured desk. Someone without an account yet (an invitation, U1) reads the
 * language of the admin who invited them, who most likely shares it. `undefined`: nobody to send to.
 */
export async function resolveRecipient(
	recipient: OutboxRecord['recipient'],
	context: { accounts: AccountStore; state: GroupState | undefined; vendorEmail: string }
): Promise<Recipient | undefined> {
	if (recipient.role === 'vendor') {
		return { address: context.vendorEmail, language: vendorLanguage, name: null };
	}
	const memberId =
		recipient.memberId ?? (recipient.role === 'owner' ? ownerOf(context.state)?.id : undefined);
	if (memberId === undefined) return undefined;
	const member = context.state?.members[memberId];
	const user = await context.accounts.findUserById(memberId);
	const address = recipient.email ?? user?.email ?? member?.email;
	if (address === undefined) return undefined;
	let language = toLanguage(user?.language);
	if (language === undefined && member?.licenseAdmin) {
		language = toLanguage((await context.accounts.findUserById(member.licenseAdmin))?.language);
	}
	return {
		address,
		language: language ?? fallbackLanguage,
		name: user?.name ?? member?.name ?? null
	};
}
