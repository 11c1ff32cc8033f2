/**
 * The browser's access to the REST API. Every answer is a result, never an exception: a network
 * failure is `network.offline`, a server refusal carries the server's code, so the UI can always
 * show a translated message.
 */
export type ApiResult<T> =
	| { ok: true; status: number; data: T }
	| { ok: false; status: number; code: string; params?: Record<string, string | number> };

interface ErrorBody {
	error?: { code?: unknown; params?: unknown };
}

async function request<T>(
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = {}
): Promise<ApiResult<T>> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			credentials: 'same-origin',
			headers: {
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
				...headers
			},
			body: body === undefined ? null : JSON.stringify(body)
		});
	} catch {
		return { ok: false, status: 0, code: 'network.offline' };
	}
	const text = await response.text().catch(() => '');
	let parsed: unknown;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		parsed = undefined;
	}
	if (response.ok) return { ok: true, status: response.status, data: parsed as T };
	const error = (parsed as ErrorBody | undefined)?.error;
	return {
		ok: false,
		status: response.status,
		code: typeof error?.code === 'string' ? error.code : `http.${response.status}`,
		...(error?.params && typeof error.params === 'object'
			? { params: error.params as Record<string, string | number> }
			: {})
	};
}

export const api = {
	get: <T>(path: string) => request<T>('GET', path),
	/** `headers` carries e.g. an order's `Idempotency-Key`. */
	post: <T>(path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
		request<T>('POST', path, body, headers),
	patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body)
};

/** The signed-in user as the server describes them. */
export interface CurrentUser {
	id: string;
	email: string;
	name: string;
	language: string;
	vendorRole: 'operator' | null;
}

/** A group the user works in, with their roles there (G2). */
export interface GroupSummary {
	id: string;
	name: string;
	policyId: string;
	roles: ('owner' | 'admin' | 'billable' | 'viewer')[];
}
