import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { CpErrorCode } from '@aya/config-schema';
import { gatewaySealKey, sealForGateway } from '@aya/config-schema/secrets';
import { AppError } from '../common/errors';

const VERSION = 'v1';
// fixed salt and info: the key only has to differ per purpose, AYA_SECRET_KEY carries the entropy
const SALT = 'aya-control-plane';
const INFO = 'aya:certificate-private-key:v1';

export class SecretKeyError extends AppError {
  constructor(message: string) {
    super(CpErrorCode.SECRET_KEY_REQUIRED, 500, message);
  }
}

/**
 * AES-256-GCM with a key derived (HKDF-SHA256) from AYA_SECRET_KEY. Sealed form: `v1:<iv>:<tag>:<ciphertext>`
 * (base64url). Without a secret the control plane runs fine until a key has to be sealed or opened.
 */
export class SecretBox {
  private readonly key: Buffer | undefined;
  /** from AYA_CLUSTER_TOKEN: what gateways unseal credential secrets with (see @aya/config-schema/secrets) */
  private readonly gatewayKey: Buffer | undefined;

  constructor(secret: string | undefined, clusterToken?: string) {
    this.key = secret ? Buffer.from(hkdfSync('sha256', secret, SALT, INFO, 32)) : undefined;
    this.gatewayKey = clusterToken ? gatewaySealKey(clusterToken) : undefined;
  }

  /** A secret sealed at rest (seal()) re-sealed for gateways: the clear value never leaves this process. */
  resealForGateway(sealed: string): string {
    if (!this.gatewayKey) throw new Error('SecretBox has no cluster token: it cannot seal secrets for gateways');
    return sealForGateway(this.open(sealed), this.gatewayKey);
  }

  get enabled(): boolean {
    return this.key !== undefined;
  }

  seal(plain: string): string {
    const key = this.requireKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join(':');
  }

  open(sealed: string): string {
    const key = this.requireKey();
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || data === undefined) throw new SecretKeyError('a stored private key or secret is not in a known sealed format');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretKeyError('cannot decrypt a stored private key or secret: AYA_SECRET_KEY is not the one it was stored with');
    }
  }

  private requireKey(): Buffer {
    if (!this.key) throw new SecretKeyError('AYA_SECRET_KEY is not set: the control plane cannot store or use private keys or jwt secrets without it');
    return this.key;
  }
}
