import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// Separate build directories let several checkouts' worth of work build side by side on one
// machine (e.g. TESSERA_BUILD_DIR=build-a TESSERA_KIT_DIR=.svelte-kit-a npm run build).
const buildDir = process.env.TESSERA_BUILD_DIR ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// A single-page app: every deep link falls back to index.html, served by our own server.
		adapter: adapter({
			pages: buildDir,
			assets: buildDir,
			fallback: 'index.html',
			precompress: true
		}),
		outDir: process.env.TESSERA_KIT_DIR ?? '.svelte-kit',
		files: { serviceWorker: 'src/service-worker.ts' },
		// Registered by the app itself, so that a failed registration is reported, not swallowed.
		serviceWorker: { register: false },
		typescript: {
			// The server, benchmarks and scripts are type-checked with the same strict settings.
			config: (tsconfig) => {
				tsconfig.include.push(
					'../server/**/*.ts',
					'../bench/**/*.ts',
					'../scripts/**/*.ts',
					'../playwright.config.ts',
					'../eslint.config.js'
				);
			}
		}
	}
};

export default config;
