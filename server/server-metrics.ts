import type { AuthorityEngine } from './authority/authority-engine.ts';
import { MetricsRegistry, type Counter } from './metrics.ts';
import type { RoomRegistry } from './sync/room-registry.ts';
import type { SyncServer } from './sync/sync-server.ts';
import type { UpdateWriter } from './sync/update-writer.ts';

/** What an operator watches: sockets, rooms, the storage backlog, the authority, the process. */
export function createMetrics(parts: {
	sync: SyncServer;
	registry: RoomRegistry;
	writer: UpdateWriter;
	engine: AuthorityEngine;
}): { registry: MetricsRegistry; requests: Counter } {
	const metrics = new MetricsRegistry();
	const requests = metrics.counter(
		'tessera_http_requests_total',
		'HTTP responses by status class.'
	);
	metrics.gauge(
		'tessera_sync_connections',
		'Open websocket connections.',
		() => parts.sync.connections().size
	);
	metrics.gauge('tessera_rooms_loaded', 'Documents loaded in memory.', () => parts.registry.size);
	metrics.gauge(
		'tessera_update_backlog',
		'Document updates waiting to be stored.',
		() => parts.writer.backlog
	);
	metrics.gauge(
		'tessera_authority_commits_total',
		'Authority changes committed.',
		() => parts.engine.counts.commits,
		'counter'
	);
	metrics.gauge(
		'tessera_ledger_events_total',
		'Signed ledger events appended.',
		() => parts.engine.counts.ledgerEvents,
		'counter'
	);
	metrics.gauge(
		'process_resident_memory_bytes',
		'Resident memory.',
		() => process.memoryUsage().rss
	);
	metrics.gauge('nodejs_heap_used_bytes', 'V8 heap in use.', () => process.memoryUsage().heapUsed);
	metrics.gauge(
		'process_cpu_seconds_total',
		'CPU time (user and system).',
		() => {
			const usage = process.cpuUsage();
			return (usage.user + usage.system) / 1e6;
		},
		'counter'
	);
	return { registry: metrics, requests };
}
