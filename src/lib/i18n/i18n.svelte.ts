import i18next, { type TOptions } from 'i18next';
import { fallbackLanguage, toLanguage, type Language } from './languages.ts';

type Resources = Record<string, unknown>;

/** Every locale file, loaded on demand: `locales/<language>/<area>.json`. */
const loaders = import.meta.glob<Resources>('../../../locales/*/*.json', { import: 'default' });

/**
 * One language's translations, each file under its own key, so that `t('auth.title')` reads
 * `locales/<language>/auth.json` → `title`.
 */
async function loadLanguage(language: Language): Promise<Resources> {
	const resources: Resources = {};
	const files = Object.entries(loaders).filter(([path]) => path.includes(`/locales/${language}/`));
	await Promise.all(
		files.map(async ([path, load]) => {
			const area = path.slice(path.lastIndexOf('/') + 1, -'.json'.length);
			resources[area] = await load();
		})
	);
	return resources;
}

/**
 * The app's translations with a reactive language: templates that call `t` re-render when the
 * language changes, and `<html lang>` follows it.
 */
class I18n {
	#language = $state<Language>(fallbackLanguage);
	#ready = $state(false);

	get language(): Language {
		return this.#language;
	}

	get ready(): boolean {
		return this.#ready;
	}

	/** Translates a key in the current language. */
	t = (key: string, options: TOptions = {}): string =>
		// Passing the reactive language makes every caller re-run when it changes.
		i18next.t(key, { lng: this.#language, ...options });

	/** Whether a key exists (e.g. for an error code the server may add before the UI knows it). */
	has = (key: string): boolean => i18next.exists(key, { lng: this.#language });

	/** Starts with the first supported language among the candidates (profile, browser). */
	async init(candidates: readonly (string | null | undefined)[]): Promise<void> {
		const language = candidates.map(toLanguage).find(Boolean) ?? fallbackLanguage;
		const resources: Record<string, { translation: Resources }> = {
			[fallbackLanguage]: { translation: await loadLanguage(fallbackLanguage) }
		};
		if (language !== fallbackLanguage) {
			resources[language] = { translation: await loadLanguage(language) };
		}
		await i18next.init({
			lng: language,
			fallbackLng: fallbackLanguage,
			resources,
			// Svelte escapes what it renders; escaping here too would show &amp; to the reader.
			interpolation: { escapeValue: false },
			returnNull: false
		});
		this.#apply(language);
		this.#ready = true;
	}

	/** Switches the language, loading its file first. */
	async setLanguage(language: Language): Promise<void> {
		if (!i18next.hasResourceBundle(language, 'translation')) {
			i18next.addResourceBundle(language, 'translation', await loadLanguage(language));
		}
		await i18next.changeLanguage(language);
		this.#apply(language);
	}

	#apply(language: Language): void {
		this.#language = language;
		if (typeof document !== 'undefined') document.documentElement.lang = language;
	}
}

export const i18n = new I18n();

/** Shorthand for {@link I18n.t}. */
export const t = i18n.t;
