import { i18n } from './i18n.svelte.ts';

/**
 * The reader's sentence for an error code from the server or the domain (`auth.invalid-credentials`
 * → `errors.auth.invalid-credentials`); an unknown code still gets a sentence, with the code in it.
 */
export function errorMessage(
	code: string,
	params: Record<string, string | number | boolean | null> = {}
): string {
	const key = `errors.${code}`;
	return i18n.has(key) ? i18n.t(key, params) : i18n.t('errors.unknown', { code });
}
