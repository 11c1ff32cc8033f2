import { resolve } from 'node:path';
import { defaultThrottleLimits, type ThrottleLimits } from './auth/login-throttle.ts';
import { defaultScryptCost, type ScryptCost } from './auth/passwords.ts';
import { mailConfigFromEnv, type MailConfig } from './mail/mail-config.ts';
import { paymentProviderFromEnv, type PaymentProviderName } from './payments/provider-config.ts';

/** Everything the server can be told, with production-safe defaults. */
export interface ServerConfig {
	port: number;
	/** Undefined listens on every interface. */
	host: string | undefined;
	dataDir: string;
	buildDir: string;
	/** SMTP_URL, MAIL_FROM, VENDOR_EMAIL, PUBLIC_URL (server/mail/). */
	mail: MailConfig;
	/** Origins besides the server's own that may use cookies and websockets (comma-separated). */
	allowedOrigins: string[];
	/** Enables test-only routes such as `POST /api/test/clock`. Never on in production. */
	testMode: boolean;
	/** A websocket message larger than this closes the connection (1009). */
	maxMessageBytes: number;
	/** A workspace document may not grow beyond this through client writes. */
	maxDocumentBytes: number;
	/** A peer with this much unsent data is disconnected (it resyncs when it comes back). */
	maxBufferedBytes: number;
	/** Fresh Yjs client ids one user may start writing with per hour, per document (room.ts). */
	newClientIdsPerHour: number;
	passwordCost: ScryptCost;
	demoPassword: string;
	/** Seed demo data into an empty data directory. */
	seedDemo: boolean;
	/** Sign-in rate limits (login-throttle.ts). */
	loginLimits: ThrottleLimits;
	/** Behind a reverse proxy: take the client address from X-Forwarded-For. */
	trustProxy: boolean;
	/** Bearer token for GET /metrics; without one, only loopback clients may read it. */
	metricsToken: string | undefined;
	/** The card processor (`PAYMENT_PROVIDER`); `none`: card payments are not offered (P5). */
	paymentProvider: PaymentProviderName | 'auto';
}

/** A configuration problem, explained for the operator. */
export class ConfigError extends Error {
	override name = 'ConfigError';
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}".`);
	}
	return value;
}

/** Reads the configuration from environment variables (documented in the README). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
	const testMode = env.TESSERA_TEST_MODE === '1';
	const seedDemo = env.SEED_DEMO !== '0';
	return {
		port: integer(env, 'PORT', 3000, 0, 65535),
		host: env.HOST || undefined,
		dataDir: resolve(env.DATA_DIR || 'data'),
		buildDir: resolve(env.BUILD_DIR || 'build'),
		mail: mailConfigFromEnv(env, (message) => new ConfigError(message)),
		allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
			.split(',')
			.map((origin) => origin.trim())
			.filter(Boolean),
		testMode,
		maxMessageBytes: integer(env, 'MAX_MESSAGE_BYTES', 4 * 1024 * 1024, 1024, 256 * 1024 * 1024),
		maxDocumentBytes: integer(env, 'MAX_DOCUMENT_BYTES', 64 * 1024 * 1024, 1024, 2 ** 31),
		maxBufferedBytes: integer(env, 'MAX_BUFFERED_BYTES', 64 * 1024 * 1024, 65536, 2 ** 31),
		newClientIdsPerHour: integer(env, 'MAX_NEW_CLIENT_IDS_PER_HOUR', 120, 1, 1e9),
		passwordCost: defaultScryptCost,
		demoPassword: env.DEMO_PASSWORD || 'tessera-demo',
		seedDemo,
		loginLimits: {
			perAddress: {
				...defaultThrottleLimits.perAddress,
				limit: integer(
					env,
					'LOGIN_LIMIT_PER_ADDRESS',
					defaultThrottleLimits.perAddress.limit,
					1,
					1e9
				)
			},
			perAccountAddress: {
				...defaultThrottleLimits.perAccountAddress,
				limit: integer(
					env,
					'LOGIN_LIMIT_PER_ACCOUNT_ADDRESS',
					defaultThrottleLimits.perAccountAddress.limit,
					1,
					1e9
				)
			},
			perAccount: {
				...defaultThrottleLimits.perAccount,
				limit: integer(
					env,
					'LOGIN_LIMIT_PER_ACCOUNT',
					defaultThrottleLimits.perAccount.limit,
					1,
					1e9
				)
			}
		},
		trustProxy: env.TRUST_PROXY === '1',
		metricsToken: env.METRICS_TOKEN || undefined,
		paymentProvider: paymentProviderFromEnv(
			env.PAYMENT_PROVIDER,
			(message) => new ConfigError(message)
		)
	};
}
