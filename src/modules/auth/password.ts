/** Passwords are stored as Argon2id hashes only. The rules for new ones: password-policy.ts. */
import argon2 from 'argon2';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

// Verifying against this hash when the user does not exist keeps the answer time the same,
// so response timing does not reveal which usernames exist.
const decoyHash = hashPassword('decoy-password-never-used');

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash ?? (await decoyHash), password);
  } catch {
    return false;
  }
}
