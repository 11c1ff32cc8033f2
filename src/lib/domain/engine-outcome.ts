/**
 * What a money-moving function returns: the next state, the ledger payloads to append (the server
 * adds sequence, previous hash and signature), the e-mails to send and the history entries (H1).
 */

import type { EmailNotice } from './email-notices.ts';
import type { HistoryEntry } from './history-entries.ts';
import type { LedgerPayload } from './ledger-schema.ts';
import type { GroupState } from './state-schema.ts';

/** The effects of one operation. */
export interface Effects {
	events: LedgerPayload[];
	emails: EmailNotice[];
	history: HistoryEntry[];
}

/** The next state and the effects that produced it. */
export interface Outcome extends Effects {
	state: GroupState;
}

/** No effects. */
export function noEffects(): Effects {
	return { events: [], emails: [], history: [] };
}

/** Appends `more` effects to `into` (in order: H1 lists actions in the order they happened). */
export function addEffects(into: Effects, more: Effects): void {
	into.events.push(...more.events);
	into.emails.push(...more.emails);
	into.history.push(...more.history);
}
