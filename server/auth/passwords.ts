import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost parameters; the defaults follow OWASP's recommendation (N=2^17, r=8, p=1). */
export interface ScryptCost {
	logN: number;
	r: number;
	p: number;
}

export const defaultScryptCost: ScryptCost = { logN: 17, r: 8, p: 1 };

const keyLength = 32;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
	const N = 2 ** cost.logN;
	return new Promise((resolve, reject) => {
		// maxmem must exceed 128·N·r bytes, or Node refuses the parameters.
		const maxmem = 256 * N * cost.r;
		scrypt(password, salt, keyLength, { N, r: cost.r, p: cost.p, maxmem }, (error, key) => {
			if (error) reject(error);
			else resolve(key);
		});
	});
}

/**
 * Hashes a password into a self-describing string `scrypt$logN$r$p$salt$hash` (base64url), so
 * that raising the cost later does not invalidate existing hashes.
 */
export async function hashPassword(
	password: string,
	cost: ScryptCost = defaultScryptCost
): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, cost);
	return [
		'scrypt',
		cost.logN,
		cost.r,
		cost.p,
		salt.toString('base64url'),
		key.toString('base64url')
	].join('$');
}

/** Checks a password against a stored hash in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parts = stored.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
	const [logN, r, p] = parts.slice(1, 4).map(Number);
	if (!logN || !r || !p || logN > 22) return false;
	const salt = Buffer.from(parts[4] ?? '', 'base64url');
	const expected = Buffer.from(parts[5] ?? '', 'base64url');
	if (expected.length !== keyLength) return false;
	const key = await derive(password, salt, { logN, r, p });
	return timingSafeEqual(key, expected);
}

/** The cost recorded in a stored hash, to tell whether it should be rehashed at next login. */
export function costOf(stored: string): ScryptCost | undefined {
	const parts = stored.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
	const [logN, r, p] = parts.slice(1, 4).map(Number);
	return logN && r && p ? { logN, r, p } : undefined;
}
