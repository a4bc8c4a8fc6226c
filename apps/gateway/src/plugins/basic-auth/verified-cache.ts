import { LRUCache } from 'lru-cache';
import { sha256Hex, verifyPassword } from '@aya/config-schema/secrets';

/** How long a successful check is remembered: short, so a changed password or a revoked credential is felt soon. */
export const VERIFIED_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

/**
 * Successful scrypt checks, process-wide (a config change keeps them): keyed by sha256 of the presented
 * `user:password`, valued with the stored hash that verified it, so a new password (another hash) misses.
 * Concurrent checks of the same pair share one scrypt run. Only successes are cached: a wrong password
 * always pays scrypt, which is what slows a guesser down.
 */
export class VerifiedPasswords {
  private readonly verified = new LRUCache<string, string>({ max: MAX_ENTRIES, ttl: VERIFIED_TTL_MS });
  private readonly pending = new Map<string, Promise<boolean>>();

  /** `check`: the scrypt verification (tests wrap it to count runs) */
  constructor(private readonly check: (password: string, storedHash: string) => Promise<boolean> = verifyPassword) {}

  async verify(user: string, password: string, storedHash: string): Promise<boolean> {
    const key = sha256Hex(`${user}:${password}`);
    if (this.verified.get(key) === storedHash) return true;
    const flightKey = `${key}:${storedHash}`;
    let flight = this.pending.get(flightKey);
    if (flight === undefined) {
      flight = this.check(password, storedHash).finally(() => this.pending.delete(flightKey));
      this.pending.set(flightKey, flight);
    }
    const ok = await flight;
    if (ok) this.verified.set(key, storedHash);
    return ok;
  }
}
