import * as v from 'valibot';
import { dateOfInstant, instantOfDate, isInstant, isIsoDate } from '../../src/lib/domain/index.ts';
import { apiError } from './api-error.ts';
import type { ApiApp, ApiDeps } from './api-context.ts';
import { parseBody } from './parse-body.ts';

/** An instant (epoch ms) or a calendar date, read as 00:00 UTC of that day. */
const ClockBody = v.strictObject({
	now: v.union([v.pipe(v.number(), v.check(isInstant)), v.pipe(v.string(), v.check(isIsoDate))])
});

/**
 * `POST /api/test/clock` `{ now }`: sets the test clock and runs the scheduler for every group
 * before answering, so a test sees the due dates, lock-outs, renewals and consumption bills of
 * the new date at once. The route exists only on a server in test mode (otherwise: 404).
 */
export function registerTestClockRoutes(app: ApiApp, deps: ApiDeps): void {
	const clock = deps.testClock;
	if (!deps.testMode || !clock) return;
	app.post('/api/test/clock', async (c) => {
		const body = await parseBody(c, ClockBody);
		if (!body.ok) return body.response;
		const { now } = body.value;
		const target = typeof now === 'number' ? now : instantOfDate(now);
		// Schedules assume time never runs backwards (a renewal must not happen twice).
		if (!clock.set(target)) return apiError(c, 409, 'clock.backwards', { now: clock.now() });
		const run = await deps.scheduler.runAll();
		const at = clock.now();
		return c.json({ now: at, date: dateOfInstant(at), groups: run.groups, changed: run.changed });
	});
}
