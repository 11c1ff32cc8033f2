/** How Tessera sends e-mail (README, Configuration). */
export interface MailConfig {
	/** `smtp://user:pass@host:port` or `smtps://…`; without one, e-mails are kept in the outbox. */
	smtpUrl: string | undefined;
	/** The From header of every e-mail. */
	from: string;
	/** Where e-mails to the vendor's support desk go. */
	vendorEmail: string;
	/** The address users reach Tessera at, for links in e-mails; the server's own URL if unset. */
	publicUrl: string | undefined;
}

/** Makes the error that explains a bad setting (config.ts passes its ConfigError). */
type Refuse = (message: string) => Error;

function url(env: NodeJS.ProcessEnv, name: string, protocols: readonly string[], refuse: Refuse) {
	const raw = env[name];
	if (raw === undefined || raw === '') return undefined;
	let parsed: URL;
	try {
		parsed = new URL(raw);
	} catch {
		throw refuse(`${name} must be a URL (${protocols.join(' or ')}), not "${raw}".`);
	}
	if (!protocols.includes(parsed.protocol)) {
		throw refuse(`${name} must start with ${protocols.join(' or ')}.`);
	}
	return raw.replace(/\/+$/, '');
}

/** Reads SMTP_URL, MAIL_FROM, VENDOR_EMAIL and PUBLIC_URL. */
export function mailConfigFromEnv(env: NodeJS.ProcessEnv, refuse: Refuse): MailConfig {
	return {
		smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:'], refuse),
		from: env.MAIL_FROM || 'Tessera <no-reply@tessera.example>',
		vendorEmail: env.VENDOR_EMAIL || 'support@tessera.example',
		publicUrl: url(env, 'PUBLIC_URL', ['http:', 'https:'], refuse)
	};
}
