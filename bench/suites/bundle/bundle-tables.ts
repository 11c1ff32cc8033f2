import { kb } from '../../lib/format.ts';
import type { Table } from '../../types.ts';
import type { BundleMeasure } from './bundle-measure.ts';
import type { BuiltModule } from './module-graph.ts';
import type { PackageAlone } from './package-alone.ts';
import { packagesIn } from './package-signatures.ts';

/** Every table of the bundle suite. */
export function bundleTables(measure: BundleMeasure): Table[] {
	const { initial, heaviest, alone } = measure;
	return [
		filesTable(measure),
		routesTable(measure),
		dependenciesTable(initial, alone, 'Largest dependencies in the initial JavaScript (gzip KB)'),
		...(heaviest
			? [
					dependenciesTable(
						measure.firstPage,
						alone,
						`Largest dependencies on the heaviest first page, ${heaviest.route} (gzip KB)`
					)
				]
			: [])
	];
}

function filesTable({ initial, names, total }: BundleMeasure): Table {
	const sorted = [...initial].sort((a, b) => b.gzip - a.gzip);
	return {
		title: 'Initial JavaScript (KB = 1000 bytes)',
		columns: ['file', 'chunk name', 'raw', 'gzip', 'brotli', 'recognised packages'],
		rows: [
			...sorted.map((module) => [
				module.path.replace(/^_app\/immutable\//, ''),
				names.get(module.path) ?? '',
				kb(module.raw),
				kb(module.gzip),
				kb(module.brotli),
				packagesIn(module.source).join(', ')
			]),
			['total', '', kb(total.raw), kb(total.gzip), kb(total.brotli), '']
		]
	};
}

function routesTable({ routes, total }: BundleMeasure): Table {
	return {
		title: 'First page of each route: initial + the route’s own code (gzip KB)',
		columns: ['route', 'extra files', 'extra', 'first page total', 'recognised packages in extra'],
		rows: routes.map((route) => [
			route.route,
			String(route.extraFiles.length),
			kb(route.extraGzip),
			kb(total.gzip + route.extraGzip),
			route.packages.join(', ')
		])
	};
}

/** Per package: the chunks it was recognised in, and its size bundled alone. */
function dependenciesTable(
	modules: readonly BuiltModule[],
	alone: ReadonlyMap<string, PackageAlone>,
	title: string
): Table {
	const byPackage = new Map<string, { gzip: number; chunks: number; sharedWith: Set<string> }>();
	for (const module of modules) {
		const found = packagesIn(module.source);
		for (const name of found) {
			const entry = byPackage.get(name) ?? { gzip: 0, chunks: 0, sharedWith: new Set<string>() };
			entry.gzip += module.gzip;
			entry.chunks += 1;
			for (const other of found) if (other !== name) entry.sharedWith.add(other);
			byPackage.set(name, entry);
		}
	}
	return {
		title,
		columns: [
			'package',
			'its chunks (upper bound)',
			'alone, as src/ imports it',
			'chunks',
			'shares its chunks with'
		],
		rows: [...byPackage]
			.sort((a, b) => b[1].gzip - a[1].gzip)
			.map(([name, entry]) => [
				name,
				kb(entry.gzip),
				alone.has(name) ? kb(alone.get(name)?.gzip ?? 0) : '–',
				String(entry.chunks),
				[...entry.sharedWith].join(', ') || '(app code only, if any)'
			])
	};
}
