/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

/**
 * Tessera's service worker: the app shell, cached at install, so that every route reloads
 * offline after one visit (IndexedDB then serves the group itself).
 *
 * - Precached: the build's files (hashed, immutable), the static files, the fallback page
 *   `/index.html`, and the bootstrap script `scripts/postbuild.ts` moves out of it
 *   (`/_app/boot.<hash>.js`, named after the build, so it is read from the page itself).
 * - Navigations: network first (a new deployment is seen at once), falling back to the cached
 *   fallback page, which boots the SPA for any deep link.
 * - `/api/*`, `/sync/*` and the server's own endpoints are never cached nor answered here.
 * - A new build has a new `version`: its worker installs a fresh cache and drops the old ones.
 */

import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

const cacheName = `tessera-shell-${version}`;
const shellPage = '/index.html';
const passThrough = ['/api/', '/sync/', '/healthz', '/metrics'];

/** The fallback page and the bootstrap script it names (a classic external script). */
async function cacheShell(cache: Cache): Promise<void> {
	let response = await fetch(shellPage, { cache: 'reload' });
	// The dev server has no index.html file; its root page is the same app shell.
	if (!response.ok) response = await fetch('/', { cache: 'reload' });
	if (!response.ok) throw new Error(`service worker: ${shellPage} answered ${response.status}`);
	const html = await response.clone().text();
	await cache.put(shellPage, response);
	const boot = /<script src="(\/_app\/boot\.[\w-]+\.js)"/.exec(html)?.[1];
	if (boot) await cache.add(boot);
}

async function install(): Promise<void> {
	const cache = await caches.open(cacheName);
	await cache.addAll([...build, ...files]);
	await cacheShell(cache);
	await sw.skipWaiting();
}

async function activate(): Promise<void> {
	for (const key of await caches.keys()) {
		if (key !== cacheName) await caches.delete(key);
	}
	// Control the tab that registered us at once, so its first visit already works offline.
	await sw.clients.claim();
}

/** A page: the network when it answers, else the cached fallback page (offline). */
async function page(request: Request): Promise<Response> {
	try {
		return await fetch(request);
	} catch {
		const cached = await caches.match(shellPage, { cacheName });
		return cached ?? Response.error();
	}
}

/** An asset: the cache (build files never change under one name), else the network. */
async function asset(request: Request): Promise<Response> {
	const cached = await caches.match(request, { cacheName });
	return cached ?? fetch(request);
}

sw.addEventListener('install', (event) => {
	event.waitUntil(install());
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(activate());
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (passThrough.some((prefix) => url.pathname.startsWith(prefix))) return;
	event.respondWith(request.mode === 'navigate' ? page(request) : asset(request));
});
