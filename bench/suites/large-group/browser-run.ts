import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { findChromium } from '../../../scripts/find-chromium.ts';
import { benchPassword } from '../../servers/tessera-data.ts';
import { largeGroupId, memberName } from './member-intents.ts';
import {
	armKeystrokeTimer,
	keystrokeSamples,
	listShownAt,
	listState,
	scrollFrameTimes,
	storageUsage
} from './page-measures.ts';
import { largeGroupAdmin } from './seed-large-group.ts';

/** What one fresh browser profile measured. */
export interface BrowserRun {
	/** Navigation start to list shown, first visit (documents over the network). */
	firstVisitMs: number;
	/** Reloads with the documents in IndexedDB (online: the socket syncs meanwhile). */
	reloadMs: number[];
	/** The same with the browser offline (service worker shell, IndexedDB only). */
	offlineReloadMs: number[];
	/** Key event to the next painted frame, every key typed or deleted. */
	keystrokeMs: number[];
	/** What the list showed after the last query was typed, as a check. */
	filtered: { rows: number; count: string };
	/** Intervals between frames while scrolling the list. */
	scrollFrameMs: number[];
	/** The page's JavaScript heap after a collection, with the list shown. */
	heapUsedBytes: number;
	/** IndexedDB and cache usage of the origin. */
	storageBytes: number;
}

/** The queries typed, letter by letter, then deleted letter by letter. */
const queries = (members: number) => [
	'zoe',
	'muller',
	// Typed as people type a name with accents: without them (the search folds both sides).
	memberName(Math.floor(members / 2))
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase(),
	'person.4242@'
];

/** Launches the Chromium `npm test` uses, with the flags of playwright.config.ts. */
export async function launchChromium(): Promise<Browser> {
	const executablePath = await findChromium();
	if (!executablePath) throw new Error('no Chromium found (see scripts/find-chromium.ts)');
	return chromium.launch({
		executablePath,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
}

/**
 * One fresh profile: signs in through the login page, opens the Users screen of the large group
 * (first visit), reloads it online and offline, types in the search box, scrolls, and reads the
 * heap.
 */
export async function runBrowserProfile(
	browser: Browser,
	url: string,
	options: { members: number; reloads: number }
): Promise<BrowserRun> {
	const context = await browser.newContext({
		locale: 'en-GB',
		viewport: { width: 1280, height: 900 }
	});
	try {
		const page = await context.newPage();
		page.setDefaultTimeout(5 * 60_000);
		await signInThroughPage(page, url);
		await page.goto(`${url}/groups/${largeGroupId}/users`);
		const firstVisitMs = await shownAt(page, options.members);
		// The service worker must hold the shell before an offline reload can succeed.
		await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
		const reloadMs = await reloads(page, options, false);
		const offlineReloadMs = await reloads(page, options, true, context);
		await page.reload();
		await shownAt(page, options.members);
		const keystrokeMs = await typeQueries(page, options.members);
		const filtered = await page.evaluate(listState);
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Backspace');
		await shownAt(page, options.members);
		const scrollFrameMs = await page.evaluate(scrollFrameTimes, { frames: 120, step: 1500 });
		return {
			firstVisitMs,
			reloadMs,
			offlineReloadMs,
			keystrokeMs,
			filtered,
			scrollFrameMs,
			heapUsedBytes: await heapUsed(page),
			storageBytes: await page.evaluate(storageUsage)
		};
	} finally {
		await context.close();
	}
}

async function signInThroughPage(page: Page, url: string): Promise<void> {
	await page.goto(`${url}/login`);
	await page.getByLabel(/e-mail/i).fill(largeGroupAdmin);
	await page.getByLabel(/password/i).fill(benchPassword);
	await page.getByRole('button', { name: /sign in/i }).click();
	await page.waitForURL((address) => !address.pathname.startsWith('/login'));
}

/** Milliseconds from the page's navigation start to the first frame that shows the list. */
async function shownAt(page: Page, members: number): Promise<number> {
	const handle = await page.waitForFunction(listShownAt, members, { polling: 'raf' });
	return Number(await handle.jsonValue());
}

async function reloads(
	page: Page,
	options: { members: number; reloads: number },
	offline: boolean,
	context?: BrowserContext
): Promise<number[]> {
	const times: number[] = [];
	await context?.setOffline(offline);
	try {
		for (let round = 0; round < options.reloads; round++) {
			await page.reload();
			times.push(await shownAt(page, options.members));
		}
	} finally {
		if (offline) await context?.setOffline(false);
	}
	return times;
}

/** Types each query with a human pause between keys, then deletes it key by key. */
async function typeQueries(page: Page, members: number): Promise<number[]> {
	const search = page.locator('#users-search');
	await search.click();
	await page.evaluate(armKeystrokeTimer);
	for (const query of queries(members)) {
		for (const key of query) {
			await page.keyboard.press(key === ' ' ? 'Space' : key);
			await page.waitForTimeout(120);
		}
		for (let left = query.length; left > 0; left--) {
			await page.keyboard.press('Backspace');
			await page.waitForTimeout(120);
		}
	}
	await page.keyboard.type(queries(members)[2] ?? '', { delay: 120 });
	await page.waitForTimeout(500);
	return page.evaluate(keystrokeSamples);
}

/** `Runtime.getHeapUsage` after a full collection, over the DevTools protocol. */
async function heapUsed(page: Page): Promise<number> {
	const session = await page.context().newCDPSession(page);
	try {
		await session.send('HeapProfiler.collectGarbage');
		const usage = await session.send('Runtime.getHeapUsage');
		return usage.usedSize;
	} finally {
		await session.detach();
	}
}
