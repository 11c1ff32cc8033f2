import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { fingerprintFile, sourceFingerprint } from './build-fingerprint.ts';

/**
 * Moves SvelteKit's inline bootstrap script into a file, so that the Content-Security-Policy
 * can say `script-src 'self'` with no inline script at all. The bootstrap reads
 * `document.currentScript`, which a classic (non-module) external script still provides.
 */
const buildDir = process.env.TESSERA_BUILD_DIR ?? 'build';
const indexPath = join(buildDir, 'index.html');
const html = readFileSync(indexPath, 'utf8');
const inline = /<script>([\s\S]*?)<\/script>/.exec(html);
if (!inline?.[1]) {
	if (!html.includes('/_app/boot.'))
		throw new Error('postbuild: no bootstrap script found in build/index.html');
} else {
	const code = inline[1].trim();
	const hash = createHash('sha256').update(code).digest('hex').slice(0, 10);
	const file = `_app/boot.${hash}.js`;
	writeFileSync(join(buildDir, file), `${code}\n`);
	const rewritten = html.replace(inline[0], `<script src="/${file}"></script>`);
	for (const [path, content] of [
		[indexPath, rewritten],
		[join(buildDir, file), `${code}\n`]
	] as const) {
		writeFileSync(path, content);
		writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
		writeFileSync(`${path}.br`, brotliCompressSync(content));
	}
}
writeFileSync(join(buildDir, fingerprintFile), `${sourceFingerprint()}\n`);
console.log('postbuild: bootstrap moved out of index.html; build fingerprint written');
