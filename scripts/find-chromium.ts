import { existsSync } from 'node:fs';

/** Where Debian's package puts Chromium. */
export const systemChromium = '/usr/bin/chromium';

/**
 * The Chromium to drive: Playwright's own download when present, else the system one.
 * Undefined when neither exists.
 */
export async function findChromium(): Promise<string | undefined> {
	try {
		const { chromium } = await import('@playwright/test');
		const bundled = chromium.executablePath();
		if (bundled && existsSync(bundled)) return bundled;
	} catch {
		// Playwright knows no browser of its own here; fall through to the system one.
	}
	for (const candidate of [
		process.env.CHROMIUM_PATH,
		systemChromium,
		'/usr/bin/chromium-browser'
	]) {
		if (candidate && existsSync(candidate)) return candidate;
	}
	return undefined;
}
