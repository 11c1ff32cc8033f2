import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { AuthorityEngine } from '../authority/authority-engine.ts';
import type { Clock } from '../clock.ts';
import type { AccountStore, MailStore, OutboxEntry, RenderedEmail } from '../storage/types.ts';
import type { MailConfig } from './mail-config.ts';
import { smtpTransport, type MailTransport } from './mail-transport.ts';
import { renderOutboxEntry, type GroupContext } from './outbox-render.ts';
import { loadEmailTemplates, type EmailTemplates } from './email-templates.ts';

/** What the mailer works with; `transport` is the only part that differs without SMTP. */
export interface MailerDeps {
	accounts: AccountStore;
	mail: MailStore;
	engine: AuthorityEngine;
	clock: Clock;
	config: MailConfig;
	/** The base of links in e-mails (PUBLIC_URL, else the server's own URL). */
	publicUrl: string;
	/** `undefined` without SMTP_URL: e-mails are rendered and kept for the operator. */
	transport: MailTransport | undefined;
	templates: EmailTemplates;
	onError: (error: unknown) => void;
}

/** What one pass over the outbox did. */
export interface FlushReport {
	sent: number;
	kept: number;
	failed: number;
}

/** How often the outbox is polled: e-mails leave within seconds of the change that wrote them. */
const pollIntervalMs = 5_000;

/**
 * After this many failed sends (about a day of trying) the mailer gives up; the error stays for
 * the operator.
 */
export const maxSendAttempts = 12;

/** Exponential backoff from one minute, capped at six hours; `null` once it gives up. */
export function nextAttemptAt(attempts: number, now: number): number | null {
	if (attempts >= maxSendAttempts) return null;
	return now + Math.min(60_000 * 2 ** (attempts - 1), 6 * 60 * 60_000);
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Sends what the authority put into the outbox. Each e-mail is rendered once, in its
 * recipient's language, and the rendering is stored with it, so a retry sends the same text and
 * the same invitation link. Without SMTP the rendered mail is marked kept: the operator reads it
 * at `GET /api/operator/outbox`. Passes never overlap, so no mail is sent twice by two of them.
 */
export class Mailer {
	readonly #deps: MailerDeps;
	#tail: Promise<unknown> = Promise.resolve();
	#busy = false;
	#timer: NodeJS.Timeout | undefined;

	constructor(deps: MailerDeps) {
		this.#deps = deps;
	}

	/** Polls the outbox every `intervalMs` (the timer does not keep the process alive). */
	start(intervalMs: number): void {
		this.#timer = setInterval(() => {
			if (!this.#busy) this.flush().catch(this.#deps.onError);
		}, intervalMs);
		this.#timer.unref();
	}

	/** One pass over every due e-mail, after any pass already running. */
	flush(): Promise<FlushReport> {
		const pass = this.#tail.then(() => this.#drain());
		this.#tail = pass.catch(() => undefined);
		return pass;
	}

	/** Stops polling, lets a running pass finish and closes the SMTP transport. */
	async stop(): Promise<void> {
		clearInterval(this.#timer);
		await this.#tail;
		this.#deps.transport?.close();
	}

	async #drain(): Promise<FlushReport> {
		this.#busy = true;
		const report: FlushReport = { sent: 0, kept: 0, failed: 0 };
		const groups = new Map<string, Promise<GroupContext>>();
		try {
			for (;;) {
				const due = await this.#deps.mail.dueEmails(this.#deps.clock.now(), 25);
				if (due.length === 0) return report;
				for (const entry of due) {
					await this.#deliver(entry, groups, report);
					// Storage answers synchronously: without this a batch of 25 renderings held the
					// event loop for 30–45 ms, and every group's sync and decisions waited behind it.
					await yieldToEventLoop();
				}
			}
		} finally {
			this.#busy = false;
		}
	}

	async #deliver(
		entry: OutboxEntry,
		groups: Map<string, Promise<GroupContext>>,
		report: FlushReport
	): Promise<void> {
		const { mail, clock, transport } = this.#deps;
		let message: RenderedEmail | null = entry.message;
		if (message === null) {
			message = await this.#render(entry, groups);
			if (message === null) {
				report.failed++;
				return;
			}
		}
		if (!transport) {
			await mail.markKept(entry.id, clock.now());
			report.kept++;
			return;
		}
		try {
			await transport.send(this.#deps.config.from, message);
			await mail.markSent(entry.id, clock.now());
			report.sent++;
		} catch (error) {
			await this.#failed(entry, `smtp: ${describe(error)}`);
			report.failed++;
		}
	}

	/** Renders and stores an entry's message; `null` when it failed (and that is recorded). */
	async #render(
		entry: OutboxEntry,
		groups: Map<string, Promise<GroupContext>>
	): Promise<RenderedEmail | null> {
		try {
			const rendered = await renderOutboxEntry(this.#deps, entry, groups);
			if (!rendered.ok) {
				// Nobody to send to will not change by waiting: recorded once, never retried.
				await this.#deps.mail.markFailed(entry.id, { error: rendered.error, nextAttemptAt: null });
				return null;
			}
			await this.#deps.mail.saveMessage(entry.id, rendered.message, rendered.invitation);
			return rendered.message;
		} catch (error) {
			await this.#failed(entry, `render: ${describe(error)}`);
			return null;
		}
	}

	async #failed(entry: OutboxEntry, error: string): Promise<void> {
		const at = nextAttemptAt(entry.attempts + 1, this.#deps.clock.now());
		await this.#deps.mail.markFailed(entry.id, { error, nextAttemptAt: at });
	}
}

/**
 * The server's mailer: SMTP when `SMTP_URL` is set (else mails are kept for the operator), the
 * templates of `locales/*\/email.json`, links to `PUBLIC_URL` or the server's own URL; it polls
 * the outbox every few seconds.
 */
export function startMailer(deps: {
	accounts: AccountStore;
	mail: MailStore;
	engine: AuthorityEngine;
	clock: Clock;
	config: MailConfig;
	serverUrl: string;
	onError: (error: unknown) => void;
}): Mailer {
	const { config, serverUrl, ...rest } = deps;
	const mailer = new Mailer({
		...rest,
		config,
		publicUrl: config.publicUrl ?? serverUrl,
		transport: config.smtpUrl === undefined ? undefined : smtpTransport(config.smtpUrl),
		templates: loadEmailTemplates()
	});
	mailer.start(pollIntervalMs);
	return mailer;
}
