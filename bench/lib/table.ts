import type { Goal, Table } from '../types.ts';

/** Renders a table as aligned plain text (a Markdown-compatible pipe table). */
export function renderTable(table: Table): string {
	const widths = table.columns.map((column, index) =>
		Math.max(column.length, ...table.rows.map((row) => (row[index] ?? '').length))
	);
	const line = (cells: readonly string[]) =>
		`| ${widths.map((width, index) => (cells[index] ?? '').padEnd(width)).join(' | ')} |`;
	return [
		`### ${table.title}`,
		'',
		line(table.columns),
		`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
		...table.rows.map(line)
	].join('\n');
}

/** Renders the goals of every suite as one table with a verdict per line. */
export function renderGoals(goals: readonly Goal[]): string {
	return renderTable({
		title: 'Goals',
		columns: ['goal', 'target', 'verdict', 'measured'],
		rows: goals.map((goal) => [goal.name, goal.target, goal.met ? 'met' : 'NOT MET', goal.measured])
	});
}
