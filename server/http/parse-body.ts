import type { Context } from 'hono';
import * as v from 'valibot';
import { apiError } from './api-error.ts';

/**
 * Reads and validates a JSON body. On failure it returns the error Response to send (400 with
 * the path of the first offending field), so that handlers stay one line: parse, act, answer.
 */
export async function parseBody<TSchema extends v.GenericSchema>(
	c: Context,
	schema: TSchema
): Promise<{ ok: true; value: v.InferOutput<TSchema> } | { ok: false; response: Response }> {
	let raw: unknown;
	try {
		raw = await c.req.json();
	} catch {
		return { ok: false, response: apiError(c, 400, 'request.malformed-json') };
	}
	const result = v.safeParse(schema, raw);
	if (result.success) return { ok: true, value: result.output };
	const issue = result.issues[0];
	const path = v.getDotPath(issue) ?? '';
	return { ok: false, response: apiError(c, 400, 'request.invalid', { path }) };
}
