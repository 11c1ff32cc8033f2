import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const demoPassword = 'e2e-demo-password';

/** A real `server/main.ts` process, as `npm start` runs it, on its own data directory. */
export class TesseraProcess {
	readonly dataDir = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
	#child: ChildProcess | undefined;
	#port = 0;
	output = '';

	get url(): string {
		return `http://localhost:${this.#port}`;
	}

	/** Starts the server (on the same port as before, after a restart). */
	async start(): Promise<void> {
		const child = spawn(process.execPath, ['server/main.ts'], {
			env: {
				...process.env,
				PORT: String(this.#port),
				DATA_DIR: this.dataDir,
				BUILD_DIR: process.env.TESSERA_BUILD_DIR ?? 'build',
				DEMO_PASSWORD: demoPassword,
				TESSERA_TEST_MODE: '1',
				// Journeys sign in many times from one address; the limits have their own tests.
				LOGIN_LIMIT_PER_ADDRESS: '100000',
				LOGIN_LIMIT_PER_ACCOUNT: '100000'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.#child = child;
		await new Promise<void>((resolve, reject) => {
			const onData = (chunk: Buffer) => {
				this.output += chunk.toString();
				const match = /Tessera is running at http:\/\/localhost:(\d+)/.exec(this.output);
				if (match?.[1]) {
					this.#port = Number(match[1]);
					resolve();
				}
			};
			child.stdout.on('data', onData);
			child.stderr.on('data', onData);
			child.once('exit', (code) => {
				reject(new Error(`server exited with ${String(code)}:\n${this.output}`));
			});
		});
	}

	/** Stops the server: gracefully (SIGTERM) or as a crash would (SIGKILL). */
	async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
		const child = this.#child;
		if (!child || child.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			child.once('exit', () => {
				resolve();
			});
			child.kill(signal);
		});
		this.#child = undefined;
	}

	async restart(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
		await this.stop(signal);
		this.output = '';
		await this.start();
	}

	async dispose(): Promise<void> {
		await this.stop();
		rmSync(this.dataDir, { recursive: true, force: true });
	}
}
