import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { MetricsRegistry } from '../metrics.ts';

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function tokenMatches(header: string | undefined, token: string): boolean {
	const given = Buffer.from(header?.replace(/^Bearer /, '') ?? '');
	const expected = Buffer.from(token);
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `GET /metrics` in Prometheus text format. Guarded: with METRICS_TOKEN set, a matching
 * bearer token is required; without one, only loopback clients (a local scraper) may read it.
 */
export function serveMetrics(
	req: IncomingMessage,
	res: ServerResponse,
	registry: MetricsRegistry,
	token: string | undefined
): void {
	const allowed = token
		? tokenMatches(req.headers.authorization, token)
		: loopback.has(req.socket.remoteAddress ?? '');
	if (!allowed) {
		res.writeHead(403, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify({ error: { code: 'metrics.forbidden' } }));
		return;
	}
	res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
	res.end(registry.render());
}
