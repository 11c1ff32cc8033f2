import type { Member, Pool, ProductView } from '$lib/domain/index.ts';
import {
	outcomeOf,
	proposeChecked,
	refuse,
	type ActionResult,
	type IntentOutcome
} from './checked-intent.ts';
import type { GroupWorkspace } from './group-workspace.svelte.ts';
import { holdsSeat, nothingTouched, pendingDevices } from './license-rows.ts';

/** A device as the Licenses screen lists it (D1). */
export interface DeviceRow {
	code: string;
	product: string;
	memberId: string;
	memberName: string;
	pool: Pool | null;
	lastSeenAt: number;
	/** One of my intents about this device waits for the authority. */
	pending: boolean;
}

/** What a device-registration form holds. */
export interface DeviceInput {
	memberId: string;
	product: string;
	code: string;
}

/**
 * D1/D2: the Licenses & devices screen's state — seats per product and pool, the people holding
 * named seats, the devices with their codes — and its actions (move, release, split, register),
 * each checked by the domain engine before it is proposed.
 */
export class LicensePools {
	readonly #workspace: GroupWorkspace;

	readonly #devices = $derived.by((): DeviceRow[] => {
		const preview = this.#workspace.preview;
		if (!preview) return [];
		const pending = pendingDevices(preview.pending);
		const members = preview.state.members;
		return Object.values(preview.state.devices)
			.map((device) => ({
				code: device.code,
				product: device.product,
				memberId: device.memberId,
				memberName: members[device.memberId]?.name ?? device.memberId,
				pool: device.pool,
				lastSeenAt: device.lastSeenAt,
				pending: pending.has(device.code)
			}))
			.sort((a, b) => a.code.localeCompare(b.code));
	});

	constructor(workspace: GroupWorkspace) {
		this.#workspace = workspace;
	}

	get products(): ProductView[] {
		return this.#workspace.view?.products ?? [];
	}

	/** True when licenses are held by devices (D1) rather than by people. */
	get byDevice(): boolean {
		return this.#workspace.policy?.licenseModel.kind === 'device';
	}

	/** D2 mixed accounts: the policy offers both a standard and a floating pool. */
	get mixedAllowed(): boolean {
		const model = this.#workspace.policy?.licenseModel;
		return (
			model?.kind === 'device' &&
			model.pools.includes('standard') &&
			model.pools.includes('floating')
		);
	}

	get canWrite(): boolean {
		return this.#workspace.canWrite;
	}

	get devices(): DeviceRow[] {
		return this.#devices;
	}

	/** Members who may sign in on a device (active people), by name. */
	get people(): Member[] {
		return this.#workspace.members.filter((member) => member.status === 'active');
	}

	/** The floating share of a product (D2), as the screen shows it (pending intents included). */
	floatingOf(product: string): number {
		return this.#workspace.preview?.state.holdings[product]?.floating ?? 0;
	}

	/** A pending split change of mine for this product. */
	splitPending(product: string): boolean {
		return (this.#workspace.preview?.pending ?? []).some(
			({ intent }) => intent.kind === 'set-pool-split' && intent.product === product
		);
	}

	/** People holding a named seat of a product (named, rights-group and module models). */
	holders(product: string): Member[] {
		const policy = this.#workspace.policy;
		if (!policy) return [];
		return this.#workspace.members.filter((member) => holdsSeat(policy, member, product));
	}

	/** Member ids my pending intents touch (their rows are marked pending). */
	get touched(): ReadonlySet<string> {
		return this.#workspace.preview?.touched ?? nothingTouched;
	}

	/** Where an intent this screen proposed stands (pending, accepted, refused). */
	readonly outcome = (intentId: string): IntentOutcome => outcomeOf(this.#workspace, intentId);

	/** D2: moves a standard license from one device to another of the same product. */
	move(fromDevice: string, toDevice: string): ActionResult {
		if (fromDevice === '' || toDevice === '') return refuse('request.invalid', { path: 'device' });
		return proposeChecked(this.#workspace, { kind: 'move-device-license', fromDevice, toDevice });
	}

	/** D2: takes a standard license off a device; the device stays registered. */
	release(deviceCode: string): ActionResult {
		return proposeChecked(this.#workspace, { kind: 'release-device-license', deviceCode });
	}

	/** D2: sets how many of a product's licenses float; the rest are standard. */
	setSplit(product: string, floating: number): ActionResult {
		if (!Number.isInteger(floating)) return refuse('quantity.not-a-whole-number');
		return proposeChecked(this.#workspace, { kind: 'set-pool-split', product, floating });
	}

	/**
	 * D1: registers a device for a member, as their first sign-in on it would. The code must be
	 * unique within the account; a code already in use is refused here and changes nothing.
	 */
	register(input: DeviceInput): ActionResult {
		const code = input.code.trim();
		if (code === '') return refuse('device.code-required');
		if (this.#devices.some((device) => device.code === code))
			return refuse('device.code-taken', { deviceCode: code });
		return proposeChecked(this.#workspace, {
			kind: 'activate-device',
			memberId: input.memberId,
			product: input.product,
			deviceCode: code,
			// A new installation: the authority ties the code to it (D1).
			fingerprint: crypto.randomUUID()
		});
	}
}
