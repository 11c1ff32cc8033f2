import { describe, expect, it } from 'vitest';
import { AckTracker } from '../../src/lib/sync/ack-tracker.ts';
import { messageAwareness, messageSync } from '../../src/lib/sync/protocol.ts';

const syncFrame = new Uint8Array([messageSync, 2, 0]);
const awarenessFrame = new Uint8Array([messageAwareness, 0]);

describe('AckTracker: pending means "not yet stored on the server"', () => {
	it('is pending after a local change until the message that carried it is acknowledged', () => {
		const tracker = new AckTracker();
		expect(tracker.pending).toBe(false);
		tracker.localChange();
		expect(tracker.pending).toBe(true);
		tracker.sent(syncFrame); // message 1 carries the change
		tracker.acknowledged(1);
		expect(tracker.pending).toBe(false);
	});

	it('stays pending when the ack covers only messages sent before the change', () => {
		const tracker = new AckTracker();
		tracker.sent(syncFrame); // message 1: sync step 1, before any change
		tracker.localChange();
		tracker.sent(syncFrame); // message 2 carries the change
		tracker.acknowledged(1);
		expect(tracker.pending).toBe(true);
		tracker.acknowledged(2);
		expect(tracker.pending).toBe(false);
	});

	it('does not count awareness frames as sync messages', () => {
		const tracker = new AckTracker();
		tracker.localChange();
		tracker.sent(awarenessFrame);
		tracker.sent(syncFrame);
		tracker.acknowledged(1);
		expect(tracker.pending).toBe(false);
	});

	it('forgets unacknowledged messages of a dropped connection, keeping the change pending', () => {
		const tracker = new AckTracker();
		tracker.localChange();
		tracker.sent(syncFrame);
		tracker.connectionReset();
		tracker.acknowledged(1); // an ack from the new connection for its own first message
		expect(tracker.pending).toBe(true);
		tracker.sent(syncFrame); // the resync that re-sends everything
		tracker.acknowledged(1);
		expect(tracker.pending).toBe(false);
	});
});
