import { createCipheriv, createDecipheriv, createHmac, hash, hkdfSync, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/*
 * Node only: import from `@aya/config-schema/secrets`.
 *
 * How credential secrets are stored and shipped, in one place so the control plane (which writes them) and
 * gateways (which check them) agree:
 * - API keys: sha256 (hex) of the key. Keys are long random strings, so a fast hash is enough (as for admin
 *   tokens); the gateway hashes the presented key once and looks the hash up.
 * - Passwords (basic-auth): scrypt, `scrypt$N$r$p$salt$hash` (base64), self-describing.
 * - Secrets a gateway must hold in clear to use (jwt HMAC secrets): sealed with AES-256-GCM under a key derived
 *   from AYA_CLUSTER_TOKEN (every gateway has it, nothing else does), so they are never in clear in the
 *   snapshot, on a gateway's disk or on the wire. The IV is derived from the plaintext (HMAC), so sealing is
 *   deterministic: the item, its digest and the config hash stay put across rebuilds. That reveals only
 *   whether two sealed secrets are equal.
 */

/** One-shot crypto.hash: a third of createHash's cost, and the gateway runs it on every key-auth request. */
export function sha256Hex(value: string): string {
  return hash('sha256', value, 'hex');
}

/** A new random secret (API keys, HMAC secrets): 32 bytes, base64url. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

const KEY_LEN = 64;
const SCRYPT_PARAMS = { N: 16384, r: 8, p: 1 } as const;

function scryptAsync(password: string, salt: Buffer, keyLen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash` (base64): self-describing, so the cost can be raised later without a migration. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LEN, SCRYPT_PARAMS);
  return ['scrypt', SCRYPT_PARAMS.N, SCRYPT_PARAMS.r, SCRYPT_PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (!N || !r || !p || expected.length === 0) return false;
  const key = await scryptAsync(password, salt, expected.length, { N, r, p, maxmem: 256 * N * r });
  return timingSafeEqual(key, expected);
}

/** A dummy hash to verify against when the user does not exist, so both cases cost the same time. */
export const DUMMY_PASSWORD_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==';

const SEAL_VERSION = 'g1';
const SEAL_SALT = 'aya-gateway-secrets';
const SEAL_INFO = 'aya:gateway-sealed-secret:v1';

/** The sealing key of a cluster token (derive once per token and keep it). */
export function gatewaySealKey(clusterToken: string): Buffer {
  return Buffer.from(hkdfSync('sha256', clusterToken, SEAL_SALT, SEAL_INFO, 32));
}

/** `g1:<iv>:<tag>:<ciphertext>` (base64url), deterministic for a given key and plaintext. */
export function sealForGateway(plain: string, key: Buffer): string {
  const iv = createHmac('sha256', key).update(plain).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [SEAL_VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
}

/** The clear secret, or undefined when the value was not sealed with this key (another cluster token, or tampered). */
export function unsealFromControlPlane(sealed: string, key: Buffer): string | undefined {
  const [version, iv, tag, data, extra] = sealed.split(':');
  if (version !== SEAL_VERSION || iv === undefined || tag === undefined || data === undefined || extra !== undefined) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
