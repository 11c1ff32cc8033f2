import { authoritySuite } from './suites/authority/authority-suite.ts';
import { bundleSuite } from './suites/bundle/bundle-suite.ts';
import { connectionsSuite } from './suites/connections/connections-suite.ts';
import { domainSuite } from './suites/domain-suite.ts';
import { largeGroupSuite } from './suites/large-group/large-group-suite.ts';
import { membersQuerySuite } from './suites/members-query-suite.ts';
import { syncSuite } from './suites/sync/sync-suite.ts';
import type { BenchSuite } from './types.ts';

/**
 * Every benchmark suite, in the order `npm run bench` runs them. To add one (the "authority"
 * and "large-group" suites are expected next), write a `BenchSuite` under `suites/` and list it
 * here; `BENCH_SUITES=<id>,…` then selects it, and its tables, goals and data appear in the
 * printed report and the JSON record with no other change.
 */
export const suites: readonly BenchSuite[] = [
	syncSuite,
	connectionsSuite,
	bundleSuite,
	domainSuite,
	membersQuerySuite,
	authoritySuite,
	largeGroupSuite
];
