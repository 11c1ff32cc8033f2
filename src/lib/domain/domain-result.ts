/**
 * Results instead of exceptions: every exported domain function returns `{ ok: true, value }` or
 * `{ ok: false, error }` with a translatable code. Nothing throws out of the domain, so a bad
 * intent in a Yjs document can never crash the server's authority loop.
 */

import type { Params } from './common-schema.ts';
import type { Fix } from './decision-schema.ts';
import type { ErrorCode } from './error-codes.ts';

/** Why something was refused: a code for the translator, its parameters, and maybe a fix. */
export interface DomainError {
	code: ErrorCode;
	params: Params;
	/** Dot path of the offending field when the input broke a schema, e.g. `products.0.tiers`. */
	path?: string;
	/** The suggested fix, e.g. `{ kind: 'buy-seats', product, count: 1 }`. */
	fix?: Fix;
	/** Other fixes that would also work, e.g. `{ kind: 'recall-one', product }`. */
	alternatives?: Fix[];
}

/** A success with its value, or a refusal with a {@link DomainError}. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

/** A refusal (assignable to any `Result<T>`). */
export interface Failure {
	ok: false;
	error: DomainError;
}

/** Wraps a value as a success. */
export function ok<T>(value: T): { ok: true; value: T } {
	return { ok: true, value };
}

/** Builds a refusal. */
export function fail(
	code: ErrorCode,
	params: Params = {},
	extra: { path?: string; fix?: Fix; alternatives?: Fix[] } = {}
): Failure {
	return { ok: false, error: { code, params, ...extra } };
}

/**
 * Runs `body` and turns an unexpected exception into `internal.unexpected`. It is the last line of
 * defence for "never an exception that escapes": inputs are validated before use, so reaching the
 * catch means a bug, and a refusal is safer than a half-applied change.
 */
export function guard<T>(body: () => Result<T>): Result<T> {
	try {
		return body();
	} catch (caught) {
		const message = caught instanceof Error ? caught.message : String(caught);
		return fail('internal.unexpected', { message });
	}
}
