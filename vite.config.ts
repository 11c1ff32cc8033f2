import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// `npm run dev` (scripts/dev.ts) runs the Tessera server beside Vite and names it here.
const api = process.env.TESSERA_API;

export default defineConfig({
	plugins: [sveltekit()],
	server: {
		fs: { allow: ['locales'] },
		proxy: api
			? {
					'/api': { target: api },
					'/healthz': { target: api },
					'/sync': { target: api.replace('http', 'ws'), ws: true }
				}
			: {}
	},
	test: {
		include: ['tests/**/*.test.ts'],
		exclude: ['tests/e2e/**', 'node_modules/**'],
		environment: 'node',
		expect: { requireAssertions: true },
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
