import { engineRefusals, moduleFollowUps, type AwaitingModules } from './csv-engine.ts';
import { parseUsersCsv } from './csv-file.ts';
import { planImport, type PlannedRow, type RowProblem } from './csv-rows.ts';
import type { GroupWorkspace } from './group-workspace.svelte.ts';

/** Where an import stands. */
export type ImportPhase = 'idle' | 'reading' | 'proposing' | 'done' | 'failed';

/**
 * Rows proposed per transaction: about twenty steps of progress, at least 100 rows a step. Each
 * transaction makes the preview and the authority decide everything pending again, so a few
 * large batches beat many small ones; 5,000 intents stay well under the largest sync message.
 */
const batchSizeFor = (rows: number) => Math.min(5_000, Math.max(100, Math.ceil(rows / 20)));

/** A file-level problem; translated under `users.import.file.<code>`. */
export type FileProblem = 'no-email-column' | 'empty' | 'unreadable';

const nextFrame = () =>
	new Promise<void>((resolve) => {
		setTimeout(resolve, 0);
	});

/**
 * One CSV import of users: parse (Papa Parse, loaded on demand), check every row, let the
 * domain engine check the good rows against the previewed state (a row it would refuse — no
 * free seat, say — is reported, not proposed), then propose the rest in batches so the screen
 * stays responsive, with progress. P12: modules listed for a new person are opened once the
 * authority has added them (only it knows their member id).
 */
export class CsvImport {
	readonly #workspace: GroupWorkspace;
	#phase = $state<ImportPhase>('idle');
	#fileProblem = $state<FileProblem | undefined>();
	#problems = $state.raw<RowProblem[]>([]);
	#total = $state(0);
	#done = $state(0);
	/** New people whose modules open once the authority has added them. */
	#awaiting = $state.raw<readonly AwaitingModules[]>([]);
	readonly #stop: () => void;

	constructor(workspace: GroupWorkspace) {
		this.#workspace = workspace;
		this.#stop = $effect.root(() => {
			$effect(() => {
				this.#openModules();
			});
		});
	}

	get phase(): ImportPhase {
		return this.#phase;
	}

	get fileProblem(): FileProblem | undefined {
		return this.#fileProblem;
	}

	/** Bad rows, in file order. */
	get problems(): readonly RowProblem[] {
		return this.#problems;
	}

	/** Rows to propose, and how many are proposed so far. */
	get total(): number {
		return this.#total;
	}

	get done(): number {
		return this.#done;
	}

	/** New people whose module access waits for the authority to add them. */
	get awaitingModules(): number {
		return this.#awaiting.length;
	}

	/** Imports a file; resolves when every good row is proposed. */
	async run(file: Blob): Promise<void> {
		this.#phase = 'reading';
		this.#fileProblem = undefined;
		this.#problems = [];
		this.#total = 0;
		this.#done = 0;
		let planned: PlannedRow[] | undefined;
		try {
			planned = await this.#check(await file.text());
		} catch {
			this.#fail('unreadable');
			return;
		}
		if (planned === undefined) return;
		this.#total = planned.length;
		this.#phase = 'proposing';
		const batchSize = batchSizeFor(planned.length);
		for (let start = 0; start < planned.length; start += batchSize) {
			this.#propose(planned.slice(start, start + batchSize));
			this.#done = Math.min(start + batchSize, planned.length);
			await nextFrame();
		}
		this.#phase = 'done';
	}

	destroy(): void {
		this.#stop();
	}

	#fail(problem: FileProblem): void {
		this.#fileProblem = problem;
		this.#phase = 'failed';
	}

	/** Parses and checks the file; the good rows (bad ones recorded), or none for a bad file. */
	async #check(text: string): Promise<PlannedRow[] | undefined> {
		const workspace = this.#workspace;
		const parsed = await parseUsersCsv(text);
		const state = workspace.preview?.state;
		const policy = workspace.policy;
		if (!state || !policy) throw new Error('the group is not loaded');
		if (!parsed.columns.includes('email')) {
			this.#fail(text.trim() === '' ? 'empty' : 'no-email-column');
			return undefined;
		}
		const { planned, problems } = planImport(parsed.rows, { policy, state });
		const context = { state, policy, userId: workspace.userId, now: Date.now() };
		const { refused, problems: refusals } = engineRefusals(planned, context);
		this.#problems = [...parsed.problems, ...problems, ...refusals].sort((a, b) => a.row - b.row);
		return planned.filter((row) => !refused.has(row.row));
	}

	#propose(rows: readonly PlannedRow[]): void {
		const ids = this.#workspace.proposeMany(rows.flatMap((row) => row.drafts));
		const added: AwaitingModules[] = [];
		let next = 0;
		for (const row of rows) {
			const intentId = ids[next];
			next += row.drafts.length;
			if (row.modules.length > 0 && intentId !== undefined)
				added.push({ intentId, email: row.email, modules: row.modules });
		}
		if (added.length > 0) this.#awaiting = [...this.#awaiting, ...added];
	}

	/** P12: opens the modules of people the authority has added since the last look. */
	#openModules(): void {
		const awaiting = this.#awaiting;
		if (awaiting.length === 0) return;
		const { drafts, waiting } = moduleFollowUps(
			awaiting,
			this.#workspace.decisions,
			this.#workspace.decided?.members ?? {}
		);
		if (waiting.length === awaiting.length) return;
		this.#awaiting = waiting;
		if (drafts.length > 0) this.#workspace.proposeMany(drafts);
	}
}
