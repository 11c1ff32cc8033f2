import { randomUUID } from 'node:crypto';
import type { Pool } from '../../src/lib/domain/index.ts';
import type { AccountStore, GroupRecord, UserRecord } from '../storage/types.ts';
import type { AuthorityEngine } from './authority-engine.ts';
import type { AuthoritySigner } from './authority-signer.ts';
import type { Refusal } from './domain-operation.ts';
import { decideForRequest } from './intent-decision.ts';

/** What a device sends when a user signs in on it (D1). */
export interface ActivationRequest {
	deviceCode: string;
	/** The installation: a second installation cannot take a code in use (D1). */
	fingerprint: string;
	/** Optional when the policy sells a single product. */
	product?: string;
}

/** The payload of a device token (`signToken('device', …)`), verifiable offline. */
export interface DeviceTokenPayload {
	groupId: string;
	deviceCode: string;
	memberId: string;
	product: string;
	pool: Pool;
	issuedAt: number;
	/** The group's single expiry date (P7), `null` before the first purchase. */
	expiry: string | null;
}

/** A device that holds a license, with its signed token; or why it does not. */
export type ActivationResult =
	{ ok: true; token: string; payload: DeviceTokenPayload } | { ok: false; error: Refusal };

/** An account that does not exist, or not for this user: both answer the same. */
export const unknownAccount: Refusal = { code: 'device.account-unknown', params: {} };

/**
 * The group an enterprise account names: its id, or the role-based address of its owner (G3,
 * D1). An owner of several device groups must name the group by id.
 */
export async function findAccountGroup(
	accounts: AccountStore,
	engine: AuthorityEngine,
	account: string
): Promise<{ ok: true; group: GroupRecord } | { ok: false; error: Refusal }> {
	const byId = await accounts.findGroup(account);
	if (byId) return { ok: true, group: byId };
	const owner = account.includes('@') ? await accounts.findUserByEmail(account) : undefined;
	if (!owner) return { ok: false, error: unknownAccount };
	const owned = (await accounts.groupsOf(owner.id)).filter(
		({ group, roles }) =>
			roles.includes('owner') && engine.policyOf(group).licenseModel.kind === 'device'
	);
	const [only, ...others] = owned;
	if (!only) return { ok: false, error: unknownAccount };
	if (others.length > 0)
		return { ok: false, error: { code: 'device.account-ambiguous', params: {} } };
	return { ok: true, group: only.group };
}

/**
 * D1/D2: a user signs in on a device. The authority decides an `activate-device` intent authored
 * by the user (member id = user id), so the pool's rules apply exactly as for any intent: the
 * device keeps its license, takes a free one, or — in a floating pool — the least recently used
 * device gives its license up. A locked group refuses (I2, `group.locked`).
 */
export async function activateDevice(
	deps: { engine: AuthorityEngine; signer: AuthoritySigner },
	group: GroupRecord,
	user: UserRecord,
	request: ActivationRequest
): Promise<ActivationResult> {
	const { engine, signer } = deps;
	const products = engine.policyOf(group).products;
	const product = request.product ?? (products.length === 1 ? products[0]?.id : undefined);
	if (product === undefined)
		return { ok: false, error: { code: 'request.invalid', params: { path: 'product' } } };
	const now = engine.clock.now();
	const intent = {
		id: `device-${randomUUID()}`,
		kind: 'activate-device',
		author: user.id,
		createdAt: now,
		memberId: user.id,
		product,
		deviceCode: request.deviceCode,
		fingerprint: request.fingerprint
	};
	const decided = await decideForRequest(engine, group.id, [intent], {
		hooks: { check: (state) => (state.members[user.id] ? undefined : unknownAccount) }
	});
	if (!decided.ok) return decided;
	const device = decided.state.devices[request.deviceCode];
	if (!device?.pool) throw new Error(`accepted activation left ${request.deviceCode} unlicensed`);
	const payload: DeviceTokenPayload = {
		groupId: group.id,
		deviceCode: device.code,
		memberId: user.id,
		product: device.product,
		pool: device.pool,
		issuedAt: now,
		expiry: decided.state.subscription.expiry
	};
	return { ok: true, token: signer.signToken('device', payload), payload };
}
