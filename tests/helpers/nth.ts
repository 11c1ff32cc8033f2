/** The element at `index`, failing the test loudly instead of returning undefined. */
export function nth<T>(items: readonly T[], index: number): T {
	const item = items[index];
	if (item === undefined) throw new Error(`no element at index ${index} (length ${items.length})`);
	return item;
}
