import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { LoginThrottle } from './auth/login-throttle.ts';
import { AuthorityEngine } from './authority/authority-engine.ts';
import { AuthoritySigner } from './authority/authority-signer.ts';
import { backfillMemberships } from './authority/membership-backfill.ts';
import { IntentIntake } from './authority/intent-intake.ts';
import { Scheduler } from './authority/scheduler.ts';
import { SettableClock, systemClock, type Clock } from './clock.ts';
import type { ServerConfig } from './config.ts';
import { createApi } from './http/api.ts';
import { applySecurityHeaders } from './http/security-headers.ts';
import { serveMetrics } from './http/metrics-endpoint.ts';
import { staticFiles } from './http/static-files.ts';
import { startMailer, type Mailer } from './mail/mailer.ts';
import type { PaymentProvider } from './payments/payment-provider.ts';
import { createPaymentProvider, resolvePaymentProvider } from './payments/provider-config.ts';
import { createMetrics } from './server-metrics.ts';
import type { Storage } from './storage/types.ts';
import { RoomRegistry } from './sync/room-registry.ts';
import { SyncServer } from './sync/sync-server.ts';
import { UpdateWriter } from './sync/update-writer.ts';

/** A running Tessera server and the handles tests need. */
export interface TesseraServer {
	url: string;
	port: number;
	clock: Clock;
	/** The settable clock, present only in test mode. */
	testClock: SettableClock | undefined;
	registry: RoomRegistry;
	sync: SyncServer;
	writer: UpdateWriter;
	engine: AuthorityEngine;
	intake: IntentIntake;
	signer: AuthoritySigner;
	/** Renders and sends (or keeps) the outbox's e-mails; tests call `flush()`. */
	mailer: Mailer;
	/** Runs every group's calendar every minute; tests run it through `POST /api/test/clock`. */
	scheduler: Scheduler;
	/** The card processor (P5), undefined when none is configured. */
	payments: PaymentProvider | undefined;
	/** Every REST route (method and path pattern), so security tests can cover each one. */
	routes: { method: string; path: string }[];
	/** Stops accepting, stores every pending write, closes sockets. Storage stays open. */
	close(): Promise<void>;
}

/** The port is taken: a clear message instead of a stack trace. */
export class PortInUseError extends Error {
	override name = 'PortInUseError';
}

/** Builds the one Node process: static SPA, REST API, websocket sync, on the given storage. */
export async function startServer(
	config: ServerConfig,
	storage: Storage,
	log: (error: unknown) => void = (error) => {
		console.error(error);
	}
): Promise<TesseraServer> {
	const testClock = config.testMode ? new SettableClock() : undefined;
	const clock: Clock = testClock ?? systemClock;
	const writer = new UpdateWriter(storage.documents, log);
	const registry = new RoomRegistry({
		store: storage.documents,
		writer,
		commit: (commit) => storage.authority.commitAuthority(commit),
		idleUnloadMs: 60_000,
		compactAfterUpdates: 500,
		newClientIdsPerHour: config.newClientIdsPerHour,
		onError: log
	});
	const sync = new SyncServer({
		accounts: storage.accounts,
		registry,
		clock,
		allowedOrigins: config.allowedOrigins,
		maxMessageBytes: config.maxMessageBytes,
		limits: {
			maxDocumentBytes: config.maxDocumentBytes,
			maxBufferedBytes: config.maxBufferedBytes
		},
		onError: log
	});
	const signer = await AuthoritySigner.load(storage.authority, clock.now());
	const engine = new AuthorityEngine({
		registry,
		storage,
		signer,
		clock,
		disconnectUser: (userId, groupId, code) => sync.disconnectUser(userId, groupId, code),
		onError: log
	});
	const intake = new IntentIntake({ engine, registry, accounts: storage.accounts, onError: log });
	const scheduler = new Scheduler({ engine, accounts: storage.accounts, onError: log });
	const loginThrottle = new LoginThrottle(config.loginLimits);
	const payments = createPaymentProvider(
		await resolvePaymentProvider(config.paymentProvider, config.testMode, storage.accounts),
		clock
	);
	const throttleSweep = setInterval(() => {
		loginThrottle.sweep(clock.now());
	}, 60_000);
	throttleSweep.unref();
	const api = createApi(
		{
			loginThrottle,
			trustProxy: config.trustProxy,
			accounts: storage.accounts,
			authority: storage.authority,
			mail: storage.mail,
			signer,
			clock,
			sync,
			allowedOrigins: config.allowedOrigins,
			passwordCost: config.passwordCost,
			testMode: config.testMode,
			engine,
			scheduler,
			testClock,
			payments
		},
		log
	);
	const apiListener = getRequestListener(api.fetch);
	const serveStatic = staticFiles(config.buildDir);
	const metrics = createMetrics({ sync, registry, writer, engine });
	const http = createServer((req, res) => {
		applySecurityHeaders(res);
		res.once('finish', () => {
			metrics.requests.inc({ class: `${String(res.statusCode).charAt(0)}xx` });
		});
		const path = req.url ?? '/';
		if (path === '/metrics') {
			serveMetrics(req, res, metrics.registry, config.metricsToken);
		} else if (path.startsWith('/api/') || path === '/healthz' || path.startsWith('/healthz?')) {
			void apiListener(req, res);
		} else {
			serveStatic(req, res);
		}
	});
	http.on('upgrade', (req, socket, head) => {
		sync.handleUpgrade(req, socket, head);
	});
	const port = await listen(http, config.port, config.host);
	const mailer = startMailer({
		accounts: storage.accounts,
		mail: storage.mail,
		engine,
		clock,
		config: config.mail,
		serverUrl: `http://localhost:${port}`,
		onError: log
	});
	await backfillMemberships(engine, storage.accounts);
	scheduler.start();
	return {
		url: `http://localhost:${port}`,
		port,
		clock,
		testClock,
		registry,
		sync,
		writer,
		engine,
		intake,
		signer,
		mailer,
		scheduler,
		payments,
		routes: api.routes
			.filter((route) => route.method !== 'ALL')
			.map((route) => ({ method: route.method, path: route.path })),
		close: async () => {
			clearInterval(throttleSweep);
			intake.stop();
			sync.close();
			await new Promise<void>((resolve) => {
				http.close(() => {
					resolve();
				});
				http.closeAllConnections();
			});
			await scheduler.stop();
			await mailer.stop();
			await engine.close();
			await registry.closeAll();
		}
	};
}

function listen(http: Server, port: number, host: string | undefined): Promise<number> {
	return new Promise((resolve, reject) => {
		const onError = (error: NodeJS.ErrnoException) => {
			if (error.code === 'EADDRINUSE') {
				reject(
					new PortInUseError(
						`Port ${port} is already in use. Stop the other program or choose another PORT.`
					)
				);
			} else if (error.code === 'EACCES') {
				reject(
					new PortInUseError(
						`Port ${port} needs privileges this process lacks. Choose another PORT.`
					)
				);
			} else reject(error);
		};
		http.once('error', onError);
		http.listen(port, host, () => {
			http.off('error', onError);
			resolve((http.address() as AddressInfo).port);
		});
	});
}
