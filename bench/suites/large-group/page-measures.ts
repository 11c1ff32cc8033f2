/**
 * Functions that run inside the page (`page.evaluate` / `waitForFunction`): they must not close
 * over anything of this module, so each takes what it needs as its argument.
 */

/**
 * Truthy (`performance.now()`, ms since the page's navigation started) once the Users screen
 * shows rows and a count of at least `members` people; polled every frame.
 */
export function listShownAt(members: number): number | false {
	const rows = document.querySelectorAll('[role="row"][data-member]').length;
	const text = document.querySelector('[data-testid="users-count"]')?.textContent ?? '';
	const count = Number(/\d[\d\s.,\u202f]*/.exec(text)?.[0].replace(/\D/g, '') ?? 0);
	return rows > 0 && count >= members ? performance.now() : false;
}

/**
 * Arms the search box: for every key pressed in it, the time from the key event (its
 * `timeStamp`, when the browser received the input) to the end of the next frame (a message
 * posted from `requestAnimationFrame` runs after that frame's paint) is pushed onto
 * `window.__keystrokes`.
 */
export function armKeystrokeTimer(): void {
	const samples: number[] = [];
	Object.assign(window, { __keystrokes: samples });
	const input = document.querySelector<HTMLInputElement>('#users-search');
	if (!input) throw new Error('no #users-search on the page');
	input.addEventListener(
		'keydown',
		(event) => {
			const start = event.timeStamp;
			requestAnimationFrame(() => {
				const channel = new MessageChannel();
				channel.port1.onmessage = () => samples.push(performance.now() - start);
				channel.port2.postMessage(null);
			});
		},
		{ capture: true }
	);
}

/** The keystroke samples collected since `armKeystrokeTimer`. */
export function keystrokeSamples(): number[] {
	return (window as unknown as { __keystrokes?: number[] }).__keystrokes ?? [];
}

/** Rows shown and the count line, to check that typing really filtered the list. */
export function listState(): { rows: number; count: string } {
	return {
		rows: document.querySelectorAll('[role="row"][data-member]').length,
		count: document.querySelector('[data-testid="users-count"]')?.textContent.trim() ?? ''
	};
}

/**
 * Scrolls the list by `step` pixels every frame for `frames` frames and returns the intervals
 * between frames (ms): a frame that took longer than the display's 16.7 ms shows as a longer
 * interval.
 */
export async function scrollFrameTimes({
	frames,
	step
}: {
	frames: number;
	step: number;
}): Promise<number[]> {
	const scroller = document.querySelector<HTMLElement>('[data-testid="member-list"] .scroll');
	if (!scroller) throw new Error('no member list to scroll');
	const intervals: number[] = [];
	let previous = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
	for (let frame = 0; frame < frames; frame++) {
		scroller.scrollTop += step;
		const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
		intervals.push(now - previous);
		previous = now;
	}
	return intervals;
}

/** How much this origin keeps (IndexedDB, the service worker's cache), per the browser. */
export async function storageUsage(): Promise<number> {
	return (await navigator.storage.estimate()).usage ?? 0;
}
