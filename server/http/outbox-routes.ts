import { maxSendAttempts } from '../mail/mailer.ts';
import type { OutboxEntry } from '../storage/types.ts';
import type { ApiApp, ApiDeps } from './api-context.ts';
import { requireOperator } from './request-guards.ts';

/**
 * Where an e-mail stands: `pending` (not yet rendered or sent), `sent`, `kept` (no SMTP: the
 * operator reads it here), `retrying` (a send failed; `nextAttemptAt` says when again), `failed`
 * (given up, or nobody to send to; `lastError` says why).
 */
export type OutboxStatus = 'pending' | 'sent' | 'kept' | 'retrying' | 'failed';

/** The status of an outbox entry, from its delivery fields. */
export function outboxStatus(entry: OutboxEntry): OutboxStatus {
	if (entry.sentAt !== null) return 'sent';
	if (entry.keptAt !== null) return 'kept';
	if (entry.nextAttemptAt === null || entry.attempts >= maxSendAttempts) return 'failed';
	return entry.lastError === null ? 'pending' : 'retrying';
}

function parseLimit(raw: string | undefined): number {
	const limit = Number(raw ?? 100);
	return Number.isInteger(limit) ? Math.min(Math.max(limit, 1), 1000) : 100;
}

/** `GET /api/operator/outbox?limit=`: every e-mail, newest first, as rendered for its reader. */
export function registerOutboxRoutes(app: ApiApp, deps: ApiDeps): void {
	app.get('/api/operator/outbox', requireOperator, async (c) => {
		const entries = await deps.mail.entries(parseLimit(c.req.query('limit')));
		c.header('Cache-Control', 'no-store');
		return c.json({
			emails: entries.map((entry) => ({
				id: entry.id,
				groupId: entry.groupId,
				kind: entry.kind,
				recipient: entry.recipient,
				params: entry.params,
				status: outboxStatus(entry),
				to: entry.message?.to ?? null,
				language: entry.message?.language ?? null,
				subject: entry.message?.subject ?? null,
				text: entry.message?.text ?? null,
				html: entry.message?.html ?? null,
				createdAt: entry.createdAt,
				sentAt: entry.sentAt,
				keptAt: entry.keptAt,
				attempts: entry.attempts,
				lastError: entry.lastError,
				nextAttemptAt: entry.nextAttemptAt
			}))
		});
	});
}
