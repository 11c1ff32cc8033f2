import type { RowProblem } from './csv-rows.ts';

type Papa = typeof import('papaparse');

/**
 * Papa Parse, loaded on first use: the CSV parser stays out of the initial bundle. It is a
 * CommonJS/UMD package, so the module's functions sit on `default` in bundlers and in Node.
 */
export async function loadPapa(): Promise<Papa> {
	const module = await import('papaparse');
	return (module as Papa & { default?: Papa }).default ?? module;
}

/** Header spellings the import accepts, lower-cased → the column's name. */
const columnNames: Record<string, string> = {
	email: 'email',
	'e-mail': 'email',
	name: 'name',
	product: 'product',
	rightsgroup: 'rightsGroup',
	'rights group': 'rightsGroup',
	modules: 'modules',
	status: 'status'
};

/** A parsed users CSV: rows keyed by column, the columns found, and rows that did not parse. */
export interface ParsedCsv {
	rows: Record<string, string | undefined>[];
	columns: string[];
	problems: RowProblem[];
}

/**
 * Parses a users CSV. A row the parser could not read (unbalanced quotes, too many or too few
 * fields) is reported as `malformed` and left empty, so its neighbours keep their line numbers.
 */
export async function parseUsersCsv(text: string): Promise<ParsedCsv> {
	const papa = await loadPapa();
	const parsed = papa.parse<Record<string, string | undefined>>(text.replace(/^\uFEFF/, ''), {
		header: true,
		skipEmptyLines: false,
		transformHeader: (header) => {
			const key = header.trim().toLowerCase();
			return columnNames[key] ?? key;
		}
	});
	const broken = new Set<number>();
	const problems: RowProblem[] = [];
	const blank = (index: number) =>
		Object.values(parsed.data[index] ?? {}).every((cell) => (cell ?? '').trim() === '');
	for (const error of parsed.errors) {
		// A blank line is "too few fields" to the parser; to the reader it is just a blank line.
		if (error.row === undefined || broken.has(error.row) || blank(error.row)) continue;
		broken.add(error.row);
		problems.push({ row: error.row + 2, column: null, code: 'malformed', params: {} });
	}
	const rows = parsed.data.map((row, index) => (broken.has(index) ? {} : row));
	return { rows, columns: parsed.meta.fields ?? [], problems };
}

/** Writes rows as CSV text with the given columns, in that order. */
export async function writeCsv(
	columns: readonly string[],
	rows: readonly Record<string, string>[]
): Promise<string> {
	const papa = await loadPapa();
	// escapeFormulae: a name like "=HYPERLINK(…)" must not run when the file opens in a spreadsheet.
	return papa.unparse([...rows], { columns: [...columns], escapeFormulae: true });
}
