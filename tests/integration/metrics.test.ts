import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';

let open: TestServer;
let guarded: TestServer;
beforeAll(async () => {
	open = await startTestServer();
	guarded = await startTestServer({ metricsToken: 'scrape-secret' });
});
afterAll(async () => {
	await open.stop();
	await guarded.stop();
});

describe('GET /metrics', () => {
	it('serves Prometheus text to a local scraper', async () => {
		await fetch(`${open.url}/healthz`);
		const response = await fetch(`${open.url}/metrics`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/plain');
		const text = await response.text();
		expect(text).toContain('# TYPE tessera_sync_connections gauge');
		expect(text).toMatch(/tessera_http_requests_total\{class="2xx"\} \d+/);
		expect(text).toMatch(/tessera_authority_commits_total \d+/);
	});

	it('requires the bearer token when one is configured', async () => {
		expect((await fetch(`${guarded.url}/metrics`)).status).toBe(403);
		const wrong = await fetch(`${guarded.url}/metrics`, {
			headers: { authorization: 'Bearer nope' }
		});
		expect(wrong.status).toBe(403);
		const right = await fetch(`${guarded.url}/metrics`, {
			headers: { authorization: 'Bearer scrape-secret' }
		});
		expect(right.status).toBe(200);
	});
});
