/** The languages Tessera speaks; English is the fallback for anything missing. */
export const languages = ['en', 'fr', 'de'] as const;

export type Language = (typeof languages)[number];

export const fallbackLanguage: Language = 'en';

/** Narrows any string (a profile field, `navigator.language`) to a supported language. */
export function toLanguage(value: string | null | undefined): Language | undefined {
	const base = value?.toLowerCase().split(/[-_]/)[0];
	return languages.find((language) => language === base);
}
