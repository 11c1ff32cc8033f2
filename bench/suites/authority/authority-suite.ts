import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { median } from '../../lib/stats.ts';
import type { BenchSuite, SuiteContext, SuiteReport } from '../../types.ts';
import { authorityGoals, authorityNotes, authorityTables } from './authority-report.ts';
import { authorityOptions } from './authority-options.ts';
import { runHttpOrders, type HttpOrderRun } from './http-orders.ts';
import { runIntents, type IntentRun } from './intent-latency.ts';
import { runOrders, type OrderRun } from './order-throughput.ts';
import { prepareTemplate, startSession } from './server-session.ts';

/** Everything the suite measured, as recorded in the JSON. */
export interface AuthorityData {
	orders: OrderRun[];
	http: HttpOrderRun[];
	intents: (IntentRun & { loadAverage: number })[];
}

/**
 * Issue 9's authority figures: orders per second committed durably, signed and mirrored
 * (goal ≥ 2,000/s), and the latency from an intent written into a workspace to its decision
 * in the authority document under load (goal p99 < 20 ms), at demo-sized groups and at a
 * large one. See bench/README.md for what each part measures and why.
 */
export const authoritySuite: BenchSuite = {
	id: 'authority',
	title: 'Authority: orders per second and intent decision latency',
	run: runAuthoritySuite
};

const loadAverage = () => loadavg()[0] ?? NaN;

async function runAuthoritySuite(context: SuiteContext): Promise<SuiteReport> {
	const options = authorityOptions(context.options.quick);
	const data: AuthorityData = { orders: [], http: [], intents: [] };
	for (let run = 1; run <= options.runs; run++) {
		context.log(
			`authority: run ${run}/${options.runs}: ${options.orderGroups}×${options.ordersPerGroup} orders in process…`
		);
		data.orders.push(await runOrders(options.orderGroups, options.ordersPerGroup, loadAverage));
	}
	const intentGroups = Math.max(options.intentGroups, options.httpConcurrency);
	context.log(
		`authority: preparing ${intentGroups} groups and a ${options.bigMembers.toLocaleString('en')}-member group…`
	);
	const template = await prepareTemplate(context.repoRoot, intentGroups, options.bigMembers);
	try {
		for (let run = 1; run <= options.runs; run++) {
			const session = await startSession(context.repoRoot, template);
			try {
				context.log(
					`authority: run ${run}/${options.runs}: ${options.httpOrders} orders over HTTP…`
				);
				data.http.push(await runHttpOrders(session, options.httpOrders, options.httpConcurrency));
				context.log(
					`authority: run ${run}/${options.runs}: intents for ${options.intentSeconds} s…`
				);
				const intents = await runIntents(session, {
					groups: intentGroups,
					intentsPerSecond: options.intentsPerSecond,
					editsPerSecond: options.editsPerSecond,
					seconds: options.intentSeconds,
					big: options.bigMembers > 0
				});
				data.intents.push({ ...intents, loadAverage: loadAverage() });
			} finally {
				await session.stop();
			}
		}
	} finally {
		rmSync(template, { recursive: true, force: true });
	}
	const summary = {
		ordersPerSecond: median(data.orders.map((run) => run.ordersPerSecond)),
		smallP99: median(data.intents.map((run) => run.small.p99))
	};
	context.log(
		`authority: ${Math.round(summary.ordersPerSecond)} orders/s, intent p99 ${summary.smallP99.toFixed(1)} ms`
	);
	return {
		status: 'ok',
		notes: authorityNotes(options, data),
		tables: authorityTables(options, data),
		goals: authorityGoals(options, data),
		data: { options, ...data }
	};
}
