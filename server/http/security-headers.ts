import type { ServerResponse } from 'node:http';

/**
 * The Content-Security-Policy of every response. No inline script at all: the build moves
 * SvelteKit's bootstrap into a file (scripts/postbuild.ts). Styles allow 'unsafe-inline' because
 * Svelte transitions write style attributes; styles cannot run code.
 */
export const contentSecurityPolicy = [
	"default-src 'self'",
	"script-src 'self'",
	"style-src 'self' 'unsafe-inline'",
	"img-src 'self' data: blob:",
	"font-src 'self'",
	"connect-src 'self'",
	"worker-src 'self'",
	"manifest-src 'self'",
	"object-src 'none'",
	"base-uri 'none'",
	"form-action 'self'",
	"frame-ancestors 'none'"
].join('; ');

/** Headers every response carries, whatever serves it (API, static files, errors). */
export function applySecurityHeaders(res: ServerResponse): void {
	res.setHeader('Content-Security-Policy', contentSecurityPolicy);
	res.setHeader('X-Content-Type-Options', 'nosniff');
	res.setHeader('Referrer-Policy', 'same-origin');
	res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
	res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
	res.setHeader('X-Frame-Options', 'DENY');
	res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
}
