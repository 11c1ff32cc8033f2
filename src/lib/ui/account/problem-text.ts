import { errorMessage } from '$lib/i18n/error-message.ts';
import { formatDate } from '$lib/i18n/format.ts';
import { i18n, t } from '$lib/i18n/i18n.svelte.ts';
import type { Problem } from '$lib/state/account-problem.ts';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Parameters as the reader writes them: calendar dates (`expiry.out-of-range`) in their language. */
function readable(params: Record<string, string | number> = {}): Record<string, string | number> {
	return Object.fromEntries(
		Object.entries(params).map(([name, value]) => [
			name,
			typeof value === 'string' && isoDate.test(value) ? formatDate(value, i18n.language) : value
		])
	);
}

/** The sentence for a problem: a server or domain code, or a check the screen made itself. */
export function problemText(problem: Problem): string {
	const params = readable(problem.params);
	return problem.key === undefined ? errorMessage(problem.code, params) : t(problem.key, params);
}
