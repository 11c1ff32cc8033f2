/**
 * Something to tell the person, as a code: `code` is a server or domain code (translated under
 * `errors.json`), `key` a full translation key of the screen's own area (a check made before
 * anything was sent). Components turn either into a sentence.
 */
export type Problem =
	| { code: string; params?: Record<string, string | number>; key?: undefined }
	| { key: string; params?: Record<string, string | number>; code?: undefined };

/** The problem carried by a refused API result. */
export function problemOf(result: {
	code: string;
	params?: Record<string, string | number>;
}): Problem {
	return { code: result.code, ...(result.params && { params: result.params }) };
}
