/** Where the screenshots of every screen go (kept by the run, looked at by people). */
export const shot = (language: string, name: string) =>
	`tests/e2e/.artifacts/screens/${language}-${name}.png`;
