/**
 * A sync server the benchmarks can start: Tessera or the reference y-websocket server. Both run
 * in a child process and are reached by the same clients; only the URL and the handshake
 * headers differ.
 */

import type { ProbeWindow } from './server-probe.ts';

/** A started server. */
export interface RunningSyncServer {
	pid: number;
	/** Figures from inside the process since the previous call (see `server-probe.ts`). */
	probe(): Promise<ProbeWindow | undefined>;
	/** The websocket URL of a group's shared (workspace) document. */
	socketUrl(groupId: string): string;
	/** Handshake headers of the n-th client: Tessera needs a session cookie and an Origin. */
	headers(clientIndex: number): Record<string, string>;
	/** Stops the process and removes whatever the start created. */
	stop(): Promise<void>;
}

export interface SyncServerKind {
	id: 'tessera' | 'reference';
	label: string;
	/** Starts a fresh process, whose groups `benchGroupId(0…)` can be joined at once. */
	start(): Promise<RunningSyncServer>;
	/** Removes what the kind prepared once for all its starts (a data-directory template). */
	dispose(): void;
}

/** The id of the n-th benchmark group, the same on both servers. */
export function benchGroupId(index: number): string {
	return `bench-${String(index).padStart(3, '0')}`;
}
