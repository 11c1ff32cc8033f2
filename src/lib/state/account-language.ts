import { i18n } from '$lib/i18n/i18n.svelte.ts';
import type { Language } from '$lib/i18n/languages.ts';
import { session } from './session.svelte.ts';

/**
 * U5: the user's language, switched here at once and saved on their profile, so that every
 * device of theirs and the e-mails Tessera sends them use it.
 */
export async function chooseLanguage(language: Language): Promise<void> {
	await i18n.setLanguage(language);
	try {
		localStorage.setItem('tessera:language', language);
	} catch {
		// Without storage the profile still carries the choice.
	}
	if (session.user) await session.saveLanguage(language);
}
