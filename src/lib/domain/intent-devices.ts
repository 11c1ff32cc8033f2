/**
 * Device licenses (D1, D2). A device takes a license automatically the first time a user signs in
 * on it and keeps it. The device code is unique within the account: the code and the account
 * identify the device, so a second installation cannot claim a code in use. A new device takes a
 * free standard license first, then a free floating one; when the floating pool is full, the
 * least recently used floating device gives its license up. In a standard pool only an admin
 * moves licenses between devices.
 */

import type { Pool } from './common-schema.ts';
import type { Result } from './domain-result.ts';
import { fail, ok } from './domain-result.ts';
import { historyEntry } from './history-entries.ts';
import type { IntentContext, IntentEffects, Verdict } from './intent-context.ts';
import {
	accept,
	authorId,
	authorIsAdmin,
	checkRunning,
	memberOf,
	onlyHistory
} from './intent-context.ts';
import { requireModel } from './intent-licenses.ts';
import type { IntentOf } from './intent-schema.ts';
import { findProduct } from './policy-parse.ts';
import { holdingOf, noneFree, poolCapacity } from './seat-capacity.ts';
import { productUsage } from './seat-usage.ts';
import { draftUsage, putDevice } from './state-draft.ts';
import type { Device } from './state-schema.ts';

/** D2: the least recently used device holding a floating license of a product. */
function leastRecentlyUsed(ctx: IntentContext, product: string, except: string): Device | null {
	let oldest: Device | null = null;
	for (const code in ctx.draft.state.devices) {
		const device = ctx.draft.state.devices[code];
		if (
			device === undefined ||
			device.product !== product ||
			device.pool !== 'floating' ||
			code === except
		)
			continue;
		const older =
			oldest === null ||
			device.lastSeenAt < oldest.lastSeenAt ||
			(device.lastSeenAt === oldest.lastSeenAt && device.code < oldest.code);
		if (older) oldest = device;
	}
	return oldest;
}

/** Where a device without a license gets one: a free pool, or the LRU floating device's. */
function findLicense(
	ctx: IntentContext,
	product: string,
	code: string
): Result<{ pool: Pool; evict: Device | null }> {
	const holding = holdingOf(ctx.draft.state, product);
	const used = productUsage(draftUsage(ctx.draft, ctx.policy), product);
	for (const pool of ['standard', 'floating'] as const) {
		if (used[pool] < poolCapacity(holding, pool)) return ok({ pool, evict: null });
	}
	const evict =
		poolCapacity(holding, 'floating') > 0 ? leastRecentlyUsed(ctx, product, code) : null;
	if (evict !== null) return ok({ pool: 'floating', evict });
	return noneFree(ctx.policy, product, used.standard, poolCapacity(holding, 'standard'));
}

/** Checks who signs in, on which product, with which code (D1). */
function checkActivation(
	ctx: IntentContext,
	intent: IntentOf<'activate-device'>
): Result<Device | undefined> {
	const model = requireModel(ctx, intent.kind, 'device');
	if (!model.ok) return model;
	if (intent.author !== intent.memberId && !authorIsAdmin(ctx))
		return fail('role.not-allowed', { required: 'admin' });
	const member = memberOf(ctx, intent.memberId);
	if (!member.ok) return member;
	if (findProduct(ctx.policy, intent.product) === undefined)
		return fail('product.unknown', { product: intent.product });
	const existing = ctx.draft.state.devices[intent.deviceCode];
	if (
		existing !== undefined &&
		(existing.fingerprint !== intent.fingerprint || existing.product !== intent.product)
	) {
		return fail('device.code-taken', { deviceCode: intent.deviceCode });
	}
	const running = checkRunning(ctx);
	return running.ok ? ok(existing) : running;
}

/** The effects of a device taking a license, and of the device that gave one up. */
function takeLicense(
	ctx: IntentContext,
	intent: IntentOf<'activate-device'>,
	device: Device,
	evict: Device | null
): IntentEffects {
	const author = authorId(ctx, intent);
	const history = [];
	if (evict !== null) {
		putDevice(ctx.draft, { ...evict, pool: null });
		history.push(
			historyEntry(ctx.now, author, 'device.license-released', evict.code, {
				to: device.code,
				lastSeenAt: evict.lastSeenAt
			})
		);
	}
	putDevice(ctx.draft, device);
	history.push(
		historyEntry(ctx.now, author, 'device.activated', device.code, {
			pool: device.pool,
			memberId: device.memberId
		})
	);
	return onlyHistory(history);
}

/** D1/D2: a user signs in on a device. */
export function decideActivate(ctx: IntentContext, intent: IntentOf<'activate-device'>): Verdict {
	const checked = checkActivation(ctx, intent);
	if (!checked.ok) return checked;
	const existing = checked.value;
	const seen = { memberId: intent.memberId, lastSeenAt: ctx.now };
	if (existing !== undefined && existing.pool !== null) {
		return accept(() => {
			putDevice(ctx.draft, { ...existing, ...seen });
			return onlyHistory([]);
		});
	}
	const license = findLicense(ctx, intent.product, intent.deviceCode);
	if (!license.ok) return license;
	const base = existing ?? {
		code: intent.deviceCode,
		fingerprint: intent.fingerprint,
		product: intent.product,
		firstSeenAt: ctx.now
	};
	const device: Device = { ...base, ...seen, pool: license.value.pool };
	return accept(() => takeLicense(ctx, intent, device, license.value.evict));
}

/** D2: in a standard pool, an admin moves a license from one device to another. */
export function decideMoveDevice(
	ctx: IntentContext,
	intent: IntentOf<'move-device-license'>
): Verdict {
	const model = requireModel(ctx, intent.kind, 'device');
	if (!model.ok) return model;
	const from = ctx.draft.state.devices[intent.fromDevice];
	const to = ctx.draft.state.devices[intent.toDevice];
	if (from === undefined) return fail('device.unknown', { deviceCode: intent.fromDevice });
	if (to === undefined) return fail('device.unknown', { deviceCode: intent.toDevice });
	if (from.product !== to.product)
		return fail('device.product-mismatch', { from: from.product, to: to.product });
	if (from.pool === 'floating') return fail('device.pool-is-floating', { deviceCode: from.code });
	if (from.pool === null) return fail('device.not-licensed', { deviceCode: from.code });
	if (to.pool !== null) return fail('device.already-licensed', { deviceCode: to.code });
	return accept(() => {
		putDevice(ctx.draft, { ...from, pool: null });
		putDevice(ctx.draft, { ...to, pool: 'standard' });
		return onlyHistory([
			historyEntry(ctx.now, authorId(ctx, intent), 'device.license-moved', from.product, {
				from: from.code,
				to: to.code
			})
		]);
	});
}

/** D2: an admin takes the license off a device of a standard pool; the device stays known. */
export function decideReleaseDevice(
	ctx: IntentContext,
	intent: IntentOf<'release-device-license'>
): Verdict {
	const model = requireModel(ctx, intent.kind, 'device');
	if (!model.ok) return model;
	const device = ctx.draft.state.devices[intent.deviceCode];
	if (device === undefined) return fail('device.unknown', { deviceCode: intent.deviceCode });
	if (device.pool === 'floating')
		return fail('device.pool-is-floating', { deviceCode: device.code });
	if (device.pool === null) return fail('device.not-licensed', { deviceCode: device.code });
	return accept(() => {
		putDevice(ctx.draft, { ...device, pool: null });
		return onlyHistory([
			historyEntry(ctx.now, authorId(ctx, intent), 'device.license-released', device.code, {
				by: 'admin'
			})
		]);
	});
}
