import { createTransport } from 'nodemailer';
import type { RenderedEmail } from '../storage/types.ts';

/** Something that delivers a rendered e-mail, or rejects with the reason it could not. */
export interface MailTransport {
	send(from: string, message: RenderedEmail): Promise<void>;
	close(): void;
}

/**
 * SMTP through nodemailer, the long-maintained standard for Node: it speaks SMTP with STARTTLS,
 * authentication from the URL, MIME encoding of non-ASCII subjects and bodies, and reports the
 * server's refusals as errors we record. A connection per message keeps a stuck server from
 * holding later mails.
 */
export function smtpTransport(url: string): MailTransport {
	const transporter = createTransport(url);
	return {
		async send(from, message) {
			await transporter.sendMail({
				from,
				to: message.to,
				subject: message.subject,
				text: message.text,
				html: message.html,
				headers: { 'Content-Language': message.language }
			});
		},
		close() {
			transporter.close();
		}
	};
}
