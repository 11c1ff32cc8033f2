/**
 * Whether a request's Origin may act on this server: the server's own origin (as reached
 * through the Host header) or one listed in ALLOWED_ORIGINS. Cookies alone never suffice,
 * because a browser attaches them to requests started by any site.
 */
export function isAllowedOrigin(
	origin: string | undefined,
	host: string | undefined,
	allowed: readonly string[]
): boolean {
	if (!origin || origin === 'null') return false;
	if (allowed.includes(origin)) return true;
	if (!host) return false;
	try {
		const url = new URL(origin);
		return url.host === host && (url.protocol === 'http:' || url.protocol === 'https:');
	} catch {
		return false;
	}
}
