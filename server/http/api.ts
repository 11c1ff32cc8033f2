import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { apiError } from './api-error.ts';
import type { ApiApp, ApiDeps, ApiEnv } from './api-context.ts';
import { registerAuthRoutes } from './auth-routes.ts';
import { registerCardPaymentRoutes } from './card-payment-routes.ts';
import { exceptDeviceRoutes, registerDeviceRoutes } from './device-routes.ts';
import { registerEnterpriseUserRoutes } from './enterprise-user-routes.ts';
import { registerGroupRoutes } from './group-routes.ts';
import { registerInvitationRoutes } from './invitation-routes.ts';
import { registerLedgerRoutes } from './ledger-routes.ts';
import { registerMeRoutes } from './me-routes.ts';
import { registerMyLicensesRoutes } from './my-licenses-routes.ts';
import { registerOutboxRoutes } from './outbox-routes.ts';
import { registerOperatorAccountRoutes } from './operator-account-routes.ts';
import { registerOperatorRoutes } from './operator-routes.ts';
import { registerOrderRoutes } from './order-routes.ts';
import { csrfGuard, sessionMiddleware } from './request-guards.ts';
import { registerTestClockRoutes } from './test-clock-routes.ts';

/** The REST API: guards first (body size, CSRF, session), then each area's routes. */
export function createApi(deps: ApiDeps, onError: (error: unknown) => void): ApiApp {
	const app = new Hono<ApiEnv>();
	app.get('/healthz', (c) => c.json({ status: 'ok' }));
	app.use(
		'/api/*',
		bodyLimit({ maxSize: 256 * 1024, onError: (c) => apiError(c, 413, 'request.too-large') }),
		exceptDeviceRoutes(csrfGuard(deps)),
		sessionMiddleware(deps)
	);
	registerAuthRoutes(app, deps);
	registerMeRoutes(app, deps);
	registerMyLicensesRoutes(app, deps);
	registerDeviceRoutes(app, deps);
	registerInvitationRoutes(app, deps);
	registerOutboxRoutes(app, deps);
	registerGroupRoutes(app, deps);
	registerLedgerRoutes(app, deps);
	registerOrderRoutes(app, deps);
	registerCardPaymentRoutes(app, deps);
	registerEnterpriseUserRoutes(app, deps);
	registerOperatorRoutes(app, deps);
	registerOperatorAccountRoutes(app, deps);
	registerTestClockRoutes(app, deps);
	app.notFound((c) => apiError(c, 404, 'route.not-found'));
	app.onError((error, c) => {
		onError(error);
		return apiError(c, 500, 'server.internal');
	});
	return app;
}
