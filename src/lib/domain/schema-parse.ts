/**
 * One way to run a valibot schema and turn its first issue into a {@link DomainError}: the code is
 * the issue's message when that message is an error code (`date.out-of-range`), else the caller's
 * fallback (`policy.invalid`); the path is valibot's dot path of the offending field.
 */

import * as v from 'valibot';
import type { DomainError, Result } from './domain-result.ts';
import type { ErrorCode } from './error-codes.ts';
import { isErrorCode } from './error-codes.ts';

/** Converts one valibot issue into a domain error. */
export function issueToError(issue: v.BaseIssue<unknown>, fallback: ErrorCode): DomainError {
	const code = isErrorCode(issue.message) ? issue.message : fallback;
	const path = v.getDotPath(issue) ?? '';
	return { code, params: { reason: issue.message, path }, path };
}

/** Parses `input` with `schema`; on failure, the first issue becomes the error. */
export function parseWith<TSchema extends v.GenericSchema>(
	schema: TSchema,
	input: unknown,
	fallback: ErrorCode
): Result<v.InferOutput<TSchema>> {
	const parsed = v.safeParse(schema, input);
	if (parsed.success) return { ok: true, value: parsed.output };
	const [first] = parsed.issues;
	return { ok: false, error: issueToError(first, fallback) };
}
