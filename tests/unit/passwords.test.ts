import { describe, expect, it } from 'vitest';
import {
	costOf,
	defaultScryptCost,
	hashPassword,
	verifyPassword
} from '../../server/auth/passwords.ts';

describe('password hashing', () => {
	it('uses scrypt with N=2^17, r=8, p=1 by default and records the cost in the hash', async () => {
		expect(defaultScryptCost).toEqual({ logN: 17, r: 8, p: 1 });
		const hash = await hashPassword('correct horse battery staple');
		expect(hash.startsWith('scrypt$17$8$1$')).toBe(true);
		expect(costOf(hash)).toEqual(defaultScryptCost);
		expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
		expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
	});

	it('salts every hash, so equal passwords give different hashes', async () => {
		const cost = { logN: 10, r: 8, p: 1 };
		expect(await hashPassword('same', cost)).not.toBe(await hashPassword('same', cost));
	});

	it('never matches a malformed stored hash', async () => {
		for (const stored of [
			'',
			'scrypt$17$8$1$salt',
			'bcrypt$x$y$z$a$b',
			'scrypt$40$8$1$AAAA$AAAA'
		]) {
			expect(await verifyPassword('anything', stored)).toBe(false);
		}
	});
});
