/**
 * Parsing a policy: the valibot schema first, then the rules that tie fields together, each
 * reported with the dot path of the offending field (`products.0.tiers.1.from`) so an operator
 * editing a policy file sees exactly what to fix.
 */

import type { Result } from './domain-result.ts';
import { fail, guard, ok } from './domain-result.ts';
import type { Policy, Product } from './policy-schema.ts';
import { PolicySchema } from './policy-schema.ts';
import { parseWith } from './schema-parse.ts';

/** A cross-field problem: where, and why (a short English reason for operators' logs). */
interface PolicyIssue {
	path: string;
	reason: string;
}

/** The first duplicate id of a list, as an issue at `prefix.i.id`. */
function duplicateId(items: readonly { id: string }[], prefix: string): PolicyIssue | null {
	const seen = new Set<string>();
	for (const [i, item] of items.entries()) {
		if (seen.has(item.id)) return { path: `${prefix}.${i}.id`, reason: 'duplicate id' };
		seen.add(item.id);
	}
	return null;
}

/** P4 tiers start at 1, rise strictly, and price every term the policy offers. */
function tierIssue(product: Product, index: number, policy: Policy): PolicyIssue | null {
	const base = `products.${index}.tiers`;
	for (const [j, tier] of product.tiers.entries()) {
		const previous = product.tiers[j - 1];
		if (j === 0 && tier.from !== 1)
			return { path: `${base}.0.from`, reason: 'first tier must start at 1' };
		if (previous !== undefined && tier.from <= previous.from) {
			return { path: `${base}.${j}.from`, reason: 'tiers must rise' };
		}
		for (const term of policy.terms) {
			if (tier.unitPrice[term] === undefined) {
				return {
					path: `${base}.${j}.unitPrice.${term}`,
					reason: 'missing price for an offered term'
				};
			}
		}
	}
	return null;
}

/** Products: unique ids, valid tiers, packs they require exist. */
function productIssue(policy: Policy): PolicyIssue | null {
	const duplicate = duplicateId(policy.products, 'products');
	if (duplicate !== null) return duplicate;
	for (const [i, product] of policy.products.entries()) {
		const tiers = tierIssue(product, i, policy);
		if (tiers !== null) return tiers;
		const needed = product.requiresPack;
		if (needed !== null && !policy.packs.some((pack) => pack.kind === needed)) {
			return { path: `products.${i}.requiresPack`, reason: 'no pack of that kind' };
		}
	}
	return null;
}

/** Packs: unique ids, priced for every term, extra-users packs belong to a module product. */
function packIssue(policy: Policy): PolicyIssue | null {
	const duplicate = duplicateId(policy.packs, 'packs');
	if (duplicate !== null) return duplicate;
	for (const [i, pack] of policy.packs.entries()) {
		for (const term of policy.terms) {
			if (pack.price[term] === undefined) {
				return { path: `packs.${i}.price.${term}`, reason: 'missing price for an offered term' };
			}
		}
		const module = policy.products.find((product) => product.id === pack.module);
		if (pack.kind === 'extra-users' && module?.kind !== 'module') {
			return { path: `packs.${i}.module`, reason: 'extra-users packs name a module product' };
		}
	}
	return null;
}

/** The license model's references resolve. */
function modelIssue(policy: Policy): PolicyIssue | null {
	const model = policy.licenseModel;
	if (model.kind === 'rights-group') {
		if (!policy.products.some((product) => product.id === model.product)) {
			return { path: 'licenseModel.product', reason: 'unknown product' };
		}
		const duplicate = duplicateId(model.groups, 'licenseModel.groups');
		if (duplicate !== null) return duplicate;
		if (!model.groups.some((group) => group.id === model.defaultGroup)) {
			return { path: 'licenseModel.defaultGroup', reason: 'unknown rights group' };
		}
	}
	if (model.kind === 'device' && new Set(model.pools).size !== model.pools.length) {
		return { path: 'licenseModel.pools', reason: 'duplicate pool' };
	}
	return null;
}

/** Terms, payment rule and support levels are coherent. */
function billingIssue(policy: Policy): PolicyIssue | null {
	if (new Set(policy.terms).size !== policy.terms.length) {
		return { path: 'terms', reason: 'duplicate term' };
	}
	if (policy.payment.threshold !== null && policy.payment.atOrAbove.length === 0) {
		return { path: 'payment.atOrAbove', reason: 'a threshold needs methods at or above it' };
	}
	if (policy.support !== null) return duplicateId(policy.support.levels, 'support.levels');
	return null;
}

/** The first cross-field issue of a schema-valid policy, or `null`. */
function crossFieldIssue(policy: Policy): PolicyIssue | null {
	return productIssue(policy) ?? packIssue(policy) ?? modelIssue(policy) ?? billingIssue(policy);
}

const validPolicies = new WeakSet<object>();

/**
 * Parses a policy file (presets, JSON from an operator): `policy.invalid` with the path of the
 * offending field when it breaks the schema or a cross-field rule.
 */
export function parsePolicy(input: unknown): Result<Policy> {
	return guard(() => {
		const parsed = parseWith(PolicySchema, input, 'policy.invalid');
		if (!parsed.ok)
			return fail('policy.invalid', parsed.error.params, { path: parsed.error.path ?? '' });
		const issue = crossFieldIssue(parsed.value);
		if (issue !== null)
			return fail(
				'policy.invalid',
				{ reason: issue.reason, path: issue.path },
				{ path: issue.path }
			);
		validPolicies.add(parsed.value);
		return ok(parsed.value);
	});
}

/**
 * Checks a policy handed to an engine function. A policy object that came out of
 * {@link parsePolicy} is remembered and passes at once; anything else (a hand-built or
 * deserialised object) is parsed first, so an invalid policy is refused everywhere, not only at
 * the door, at the cost of one parse per new policy object.
 */
export function ensurePolicy(policy: Policy): Result<Policy> {
	if (validPolicies.has(policy)) return ok(policy);
	const parsed = parsePolicy(policy);
	if (parsed.ok) validPolicies.add(policy);
	return parsed.ok ? ok(policy) : parsed;
}

/** The product of a policy with that id, if any. */
export function findProduct(policy: Policy, id: string): Product | undefined {
	return policy.products.find((product) => product.id === id);
}
