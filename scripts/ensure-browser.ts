import { spawnSync } from 'node:child_process';
import { findChromium, systemChromium } from './find-chromium.ts';

/**
 * Makes sure a Chromium exists before the browser tests: Playwright's own, or the system's, or
 * (when this machine allows it) Debian's `chromium` package, installed here. Playwright's
 * download cannot be used on machines without general internet access.
 */
const found = await findChromium();
if (found) {
	console.log(`Browser tests use ${found}`);
	process.exit(0);
}
const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!isRoot || !hasApt) {
	console.error(
		`No Chromium found. Install one (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH; ${
			isRoot ? 'apt-get is not available here' : 'installing needs root'
		}.`
	);
	process.exit(1);
}
console.log('No Chromium found: installing Debian’s chromium package…');
const install = spawnSync(
	'sh',
	['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'],
	{ stdio: 'inherit' }
);
if (install.status !== 0 || !(await findChromium())) {
	console.error(`Installing chromium failed; install it by hand so that ${systemChromium} exists.`);
	process.exit(1);
}
console.log(`Installed ${systemChromium}`);
