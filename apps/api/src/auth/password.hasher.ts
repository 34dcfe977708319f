import argon2 from 'argon2';

/**
 * argon2id with OWASP's second recommended profile: 19 MiB of memory, 2 passes, 1 lane.
 * About 20 ms per hash on one core here: slow for an attacker's GPU, fine for a login.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, OPTIONS);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
