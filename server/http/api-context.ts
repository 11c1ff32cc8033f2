import type { HttpBindings } from '@hono/node-server';
import type { Hono } from 'hono';
import type { LoginThrottle } from '../auth/login-throttle.ts';
import type { ScryptCost } from '../auth/passwords.ts';
import type { Clock, SettableClock } from '../clock.ts';
import type { AuthorityEngine } from '../authority/authority-engine.ts';
import type { AuthoritySigner } from '../authority/authority-signer.ts';
import type { Scheduler } from '../authority/scheduler.ts';
import type { PaymentProvider } from '../payments/payment-provider.ts';
import type { AccountStore, AuthorityStore, MailStore, UserRecord } from '../storage/types.ts';
import type { SyncServer } from '../sync/sync-server.ts';

/** What every route handler may use; handlers only wire these to the domain (STYLE.md). */
export interface ApiDeps {
	accounts: AccountStore;
	authority: AuthorityStore;
	/** The outbox's delivery state and the invitations its e-mails carry. */
	mail: MailStore;
	signer: AuthoritySigner;
	clock: Clock;
	sync: SyncServer;
	allowedOrigins: readonly string[];
	passwordCost: ScryptCost;
	/** Test-only routes (the clock) exist only when this is true. */
	testMode: boolean;
	/** The authority: every change to a group's state goes through it. */
	engine: AuthorityEngine;
	/** Runs every group's calendar: due dates, lock-outs, renewals, consumption billing. */
	scheduler: Scheduler;
	/** The settable clock, present only in test mode (`POST /api/test/clock`). */
	testClock: SettableClock | undefined;
	loginThrottle: LoginThrottle;
	/** Read the client address from X-Forwarded-For (only behind a trusted proxy). */
	trustProxy: boolean;
	/** The card processor (P5); undefined: card payments are not offered. */
	payments: PaymentProvider | undefined;
}

/** Hono's per-request variables: the signed-in user, resolved once by the session middleware. */
export interface ApiEnv {
	Bindings: HttpBindings;
	Variables: { user: UserRecord | undefined };
}

export type ApiApp = Hono<ApiEnv>;
