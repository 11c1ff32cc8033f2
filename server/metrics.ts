/**
 * A small Prometheus registry: counters the code increments and gauges read at scrape time.
 * The text exposition format is simple enough that a dependency would add more than it saves.
 */
type Labels = Record<string, string>;

interface Metric {
	help: string;
	type: 'counter' | 'gauge';
	values: () => [Labels, number][];
}

const escape = (value: string) =>
	value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');

function labelText(labels: Labels): string {
	const entries = Object.entries(labels);
	if (entries.length === 0) return '';
	return `{${entries.map(([key, value]) => `${key}="${escape(value)}"`).join(',')}}`;
}

/** A counter with optional labels. */
export class Counter {
	readonly #values = new Map<string, [Labels, number]>();

	inc(labels: Labels = {}, by = 1): void {
		const key = JSON.stringify(labels);
		const entry = this.#values.get(key);
		if (entry) entry[1] += by;
		else this.#values.set(key, [labels, by]);
	}

	values(): [Labels, number][] {
		return [...this.#values.values()];
	}
}

/** The process's metrics, served at `GET /metrics`. */
export class MetricsRegistry {
	readonly #metrics = new Map<string, Metric>();

	counter(name: string, help: string): Counter {
		const counter = new Counter();
		this.#metrics.set(name, { help, type: 'counter', values: () => counter.values() });
		return counter;
	}

	/**
	 * A value read at scrape time: a gauge, or a counter kept elsewhere (`type: 'counter'`).
	 */
	gauge(
		name: string,
		help: string,
		read: () => number | [Labels, number][],
		type: 'gauge' | 'counter' = 'gauge'
	): void {
		this.#metrics.set(name, {
			help,
			type,
			values: () => {
				const value = read();
				return typeof value === 'number' ? [[{}, value]] : value;
			}
		});
	}

	/** The Prometheus text exposition (version 0.0.4). */
	render(): string {
		const lines: string[] = [];
		for (const [name, metric] of this.#metrics) {
			lines.push(`# HELP ${name} ${metric.help}`, `# TYPE ${name} ${metric.type}`);
			for (const [labels, value] of metric.values())
				lines.push(`${name}${labelText(labels)} ${value}`);
		}
		return `${lines.join('\n')}\n`;
	}
}
