import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const temporary: string[] = [];
afterEach(() => {
	for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'tessera-start-'));
	temporary.push(dir);
	return dir;
}

/** Runs `server/main.ts` as `npm start` would, until it exits or prints its URL. */
function runServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['server/main.ts'], {
			env: { ...process.env, SEED_DEMO: '0', ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		let stopping = false;
		const collect = (chunk: Buffer) => {
			output += chunk.toString();
			if (!stopping && output.includes('Tessera is running')) {
				stopping = true;
				child.kill('SIGTERM');
			}
		};
		child.stdout.on('data', collect);
		child.stderr.on('data', collect);
		child.on('exit', (code) => resolve({ code, output }));
	});
}

describe('starting the server', () => {
	it('explains a port already in use and exits with 1', async () => {
		const blocker = createServer();
		await new Promise<void>((resolve) => blocker.listen(0, resolve));
		const address = blocker.address();
		const port = typeof address === 'object' && address ? address.port : 0;
		const result = await runServer({ PORT: String(port), DATA_DIR: tempDir() });
		blocker.close();
		expect(result.code).toBe(1);
		expect(result.output).toContain(`Port ${port} is already in use`);
	});

	it('explains a data directory that is not a directory, and creates nothing', async () => {
		const file = join(tempDir(), 'not-a-directory');
		writeFileSync(file, 'keep me');
		const result = await runServer({ PORT: '0', DATA_DIR: file });
		expect(result.code).toBe(1);
		expect(result.output).toContain('cannot be read and written');
		expect(readFileSync(file, 'utf8')).toBe('keep me');
	});

	it('refuses a database file it cannot read and leaves it untouched', async () => {
		const dir = tempDir();
		const garbage = Buffer.from('this is not a SQLite database, and it must survive');
		writeFileSync(join(dir, 'tessera.db'), garbage);
		const result = await runServer({ PORT: '0', DATA_DIR: dir });
		expect(result.code).toBe(1);
		expect(result.output).toContain('cannot be used');
		expect(readFileSync(join(dir, 'tessera.db')).equals(garbage)).toBe(true);
	});

	it('refuses a data directory that another Tessera process holds', async () => {
		const dir = tempDir();
		const { createSqliteStorage } = await import('../../server/storage/sqlite/index.ts');
		const holder = createSqliteStorage(dir);
		try {
			const result = await runServer({ PORT: '0', DATA_DIR: dir });
			expect(result.code).toBe(1);
			expect(result.output).toContain('in use by another Tessera process');
		} finally {
			holder.close();
		}
	});

	it('explains an invalid PORT', async () => {
		const result = await runServer({ PORT: 'eighty', DATA_DIR: tempDir() });
		expect(result.code).toBe(1);
		expect(result.output).toContain('PORT must be a whole number');
	});

	it('starts, prints its URL, and stops cleanly on SIGTERM', async () => {
		const result = await runServer({ PORT: '0', DATA_DIR: tempDir() });
		expect(result.output).toMatch(/Tessera is running at http:\/\/localhost:\d+/);
		expect(result.code).toBe(0);
	});
});
