import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The body of every error answer: a code the client translates, and values for its message. */
export interface ApiErrorBody {
	error: { code: string; params?: Record<string, string | number> };
}

/** Answers an error with its code; the UI turns the code into words in the reader's language. */
export function apiError(
	c: Context,
	status: ContentfulStatusCode,
	code: string,
	params?: Record<string, string | number>
): Response {
	const body: ApiErrorBody = { error: params ? { code, params } : { code } };
	return c.json(body, status);
}
