import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One e-mail as a real SMTP server received it, decoded. */
export interface ReceivedMail {
	/** Envelope recipients (RCPT TO). */
	to: string[];
	subject: string;
	contentLanguage: string | undefined;
	text: string;
	html: string;
	raw: string;
}

/** A local SMTP server on port 0 that keeps what it receives, and can refuse on demand. */
export interface SmtpInbox {
	url: string;
	mails: ReceivedMail[];
	/** While set, every recipient is refused with this permanent error. */
	refuse: string | undefined;
	close(): Promise<void>;
}

function splitHead(raw: string): { headers: Map<string, string>; body: string } {
	const end = raw.indexOf('\r\n\r\n');
	const head = end === -1 ? raw : raw.slice(0, end);
	const headers = new Map<string, string>();
	// Folded header lines continue with whitespace.
	for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
	}
	return { headers, body: end === -1 ? '' : raw.slice(end + 4) };
}

function hexBytes(text: string): string {
	const bytes: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const hex = text.slice(i + 1, i + 3);
		if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
			bytes.push(parseInt(hex, 16));
			i += 2;
		} else bytes.push(text.charCodeAt(i));
	}
	return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=` / `?B?`), as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?[^?]+\?([QqBb])\?([^?]*)\?=/g, (_word, encoding: string, text: string) =>
			encoding.toUpperCase() === 'B'
				? Buffer.from(text, 'base64').toString('utf8')
				: hexBytes(text.replaceAll('_', ' '))
		);
}

function decodeBody(body: string, encoding: string | undefined): string {
	if (encoding === 'base64')
		return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	if (encoding === 'quoted-printable') return hexBytes(body.replace(/=\r\n/g, ''));
	return body;
}

/** The text and HTML parts of a message (single part or multipart/alternative). */
function parse(raw: string, to: string[]): ReceivedMail {
	const { headers, body } = splitHead(raw);
	const parts: { type: string; content: string }[] = [];
	const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
	const chunks = boundary ? body.split(`--${boundary}`).slice(1, -1) : [raw];
	for (const chunk of chunks) {
		const part = splitHead(chunk.replace(/^\r\n/, ''));
		const type = part.headers.get('content-type')?.split(';')[0] ?? 'text/plain';
		const encoding = part.headers.get('content-transfer-encoding')?.toLowerCase();
		parts.push({ type, content: decodeBody(part.body.replace(/\r\n$/, ''), encoding) });
	}
	const find = (type: string) =>
		(parts.find((part) => part.type === type)?.content ?? '').replaceAll('\r\n', '\n');
	return {
		to,
		subject: decodeWords(headers.get('subject') ?? ''),
		contentLanguage: headers.get('content-language'),
		text: find('text/plain'),
		html: find('text/html'),
		raw
	};
}

/** Starts a real SMTP server (the `smtp-server` package) on a free local port. */
export async function startSmtpInbox(): Promise<SmtpInbox> {
	const inbox: Omit<SmtpInbox, 'url' | 'close'> = { mails: [], refuse: undefined };
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['AUTH', 'STARTTLS'],
		logger: false,
		onRcptTo(_address, _session, callback) {
			if (inbox.refuse === undefined) callback();
			else callback(Object.assign(new Error(inbox.refuse), { responseCode: 550 }));
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
				inbox.mails.push(parse(Buffer.concat(chunks).toString('latin1'), to));
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.server.address() as AddressInfo;
	return Object.assign(inbox, {
		url: `smtp://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(resolve);
			})
	});
}
