import { simulate, type WhatIfResult, type WhatIfScenario } from './billing-whatif.ts';
import type { GroupWorkspace } from './group-workspace.svelte.ts';

/**
 * The what-if panel's state: a scenario the owner edits, and today beside it as the domain
 * computes it on a copy of the decided state. Nothing here proposes an intent or calls the API.
 */
export class WhatIf {
	readonly #workspace: GroupWorkspace;
	#scenario = $state.raw<WhatIfScenario>({
		seats: null,
		pack: null,
		support: undefined,
		autoRenew: null
	});
	#now = $state(Date.now());

	readonly #result = $derived.by((): WhatIfResult | undefined => {
		const state = this.#workspace.decided;
		const policy = this.#workspace.policy;
		if (!state || !policy) return undefined;
		return simulate(state, policy, this.#scenario, this.#workspace.userId, this.#now);
	});

	constructor(workspace: GroupWorkspace) {
		this.#workspace = workspace;
	}

	get scenario(): WhatIfScenario {
		return this.#scenario;
	}

	get result(): WhatIfResult | undefined {
		return this.#result;
	}

	/** Changes part of the scenario and prices it at this instant. */
	update(change: Partial<WhatIfScenario>): void {
		this.#scenario = { ...this.#scenario, ...change };
		this.#now = Date.now();
	}

	/** Back to "nothing changes". */
	reset(): void {
		this.#scenario = { seats: null, pack: null, support: undefined, autoRenew: null };
		this.#now = Date.now();
	}
}
