/** Number formatting for the tables: few digits, the unit in the column heading. */

/** Milliseconds with two decimals below 10, one below 100, none above. */
export function ms(value: number): string {
	if (!Number.isFinite(value)) return '–';
	return value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0);
}

/** A ratio such as 0.93. */
export function ratio(value: number): string {
	return Number.isFinite(value) ? value.toFixed(2) : '–';
}

/** A percentage with one decimal. */
export function percent(value: number): string {
	return Number.isFinite(value) ? `${value.toFixed(1)} %` : '–';
}

/** Mebibytes without decimals. */
export function mib(value: number): string {
	return Number.isFinite(value) ? value.toFixed(0) : '–';
}

/** Kilobytes (1000 bytes, as bundle budgets are usually stated) with one decimal. */
export function kb(bytes: number): string {
	return (bytes / 1000).toFixed(1);
}

/** A load as "200 clients / 20 groups / 2 edits/s". */
export function loadLabel(load: { clients: number; groups: number; editsPerSecond: number }) {
	return `${load.clients}/${load.groups}/${load.editsPerSecond}`;
}
