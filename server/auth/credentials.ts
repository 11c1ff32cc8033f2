import type { AccountStore, UserRecord } from '../storage/types.ts';
import { hashPassword, verifyPassword, type ScryptCost } from './passwords.ts';

/** One throwaway hash per cost, made on first use. */
const decoys = new Map<string, Promise<string>>();

function decoyFor(cost: ScryptCost): Promise<string> {
	const key = `${cost.logN}/${cost.r}/${cost.p}`;
	let decoy = decoys.get(key);
	if (!decoy) {
		decoy = hashPassword('decoy password', cost);
		decoys.set(key, decoy);
	}
	return decoy;
}

/**
 * The user behind an e-mail and password, or undefined. An unknown address is checked against
 * a throwaway hash of the same cost, so the answer takes as long either way and response times
 * do not reveal which addresses have accounts (as `POST /api/auth/login` does).
 */
export async function checkCredentials(
	accounts: AccountStore,
	email: string,
	password: string,
	cost: ScryptCost
): Promise<UserRecord | undefined> {
	const user = await accounts.findUserByEmail(email);
	const stored = user?.passwordHash ?? (await decoyFor(cost));
	const valid = await verifyPassword(password, stored);
	return user?.passwordHash && valid ? user : undefined;
}
