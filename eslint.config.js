import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * Import direction, one block per folder (STYLE.md): the domain is pure, the server never imports
 * UI, components never import Yjs. Patterns are regular expressions on the import specifier.
 * @param {string[]} files
 * @param {{ regex: string, message: string }[]} patterns
 * @returns {import('eslint').Linter.Config}
 */
const direction = (files, patterns) => ({
	files,
	rules: { 'no-restricted-imports': ['error', { patterns }] }
});

const yjs = {
	regex: '^(yjs|y-[a-z-]+|lib0)(/.*)?$',
	message: 'Only src/lib/sync and src/lib/state touch Yjs.'
};
const serverCode = { regex: '(^|/)server/', message: 'Browser code never imports the server.' };
const uiCode = {
	regex: '(^\\$lib/(ui|state)|/lib/(ui|state)/|^\\$app/|^svelte|\\.svelte$|/routes/)',
	message: 'This layer never imports UI code.'
};

export default ts.config(
	{
		ignores: [
			'build/',
			'build-*/',
			'.svelte-kit/',
			'.svelte-kit-*/',
			'test-results-*/',
			'node_modules/',
			'data/',
			'test-results/',
			'playwright-report/',
			'bench/results/'
		]
	},
	js.configs.recommended,
	...ts.configs.strictTypeChecked,
	...svelte.configs.recommended,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: {
					// SvelteKit keeps the service worker out of its tsconfig (webworker types, not
					// DOM); it is linted with its own, tsconfig.service-worker.json.
					allowDefaultProject: ['src/service-worker.ts'],
					defaultProject: 'tsconfig.service-worker.json'
				},
				extraFileExtensions: ['.svelte'],
				tsconfigRootDir: import.meta.dirname
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			// `() => void work()` callbacks are idiomatic; the rule still guards other void misuse.
			'@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
			'no-console': ['error', { allow: ['warn', 'error'] }],
			// Links must use resolve(); goto() also takes validated return paths with query strings.
			'svelte/no-navigation-without-resolve': ['error', { ignoreGoto: true }]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
	},
	{
		files: ['**/*.js'],
		...ts.configs.disableTypeChecked
	},
	{
		// Playwright fixtures must destructure their first argument, even when they need nothing.
		files: ['tests/e2e/**'],
		rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] }
	},
	{
		// The CLI entry points print to the terminal on purpose.
		files: ['server/main.ts', 'scripts/**', 'bench/**'],
		rules: { 'no-console': 'off' }
	},
	direction(
		['src/lib/domain/**'],
		[
			{
				// Files one folder down may reach the domain root with ../, never further.
				regex: '^(?!valibot$|\\./|\\.\\./(?!\\.\\./)).*',
				message: 'src/lib/domain imports only valibot and itself (no DOM, Yjs, I/O).'
			}
		]
	),
	direction(
		['src/lib/domain/*.ts'],
		[
			{
				regex: '^(?!valibot$|\\./).*',
				message: 'src/lib/domain imports only valibot and itself (no DOM, Yjs, I/O).'
			}
		]
	),
	direction(
		['src/lib/sync/**'],
		[
			uiCode,
			serverCode,
			{ regex: '^\\$lib/i18n', message: 'Sync returns codes; the UI translates.' }
		]
	),
	direction(['src/lib/i18n/**'], [yjs, uiCode, serverCode]),
	direction(
		['src/lib/state/**'],
		[
			serverCode,
			{ regex: '^\\$lib/ui|/lib/ui/|/routes/', message: 'State classes do not import components.' }
		]
	),
	direction(['src/lib/ui/**', 'src/routes/**'], [yjs, serverCode]),
	direction(
		['server/**'],
		[
			uiCode,
			{
				regex: '^\\$lib',
				message: 'Node cannot resolve $lib: import src/lib/... by relative path.'
			}
		]
	)
);
