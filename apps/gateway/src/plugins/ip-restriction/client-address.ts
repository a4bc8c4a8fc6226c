import type { AddressList } from './address-list';
import { parseForwardedAddress } from './address-list';

/**
 * The client address ip-restriction judges. X-Forwarded-For is believed only when the TCP peer is a trusted
 * proxy; then the list is walked from the right (the entry the trusted proxy appended) past further trusted
 * proxies, and the first untrusted entry is the client — entries left of it are whatever the client sent and
 * prove nothing. Every entry trusted: the left-most one. An entry that is not an address where the client
 * should be: undefined (the caller refuses; a spoofing attempt or a broken proxy, never an allow).
 */
export function resolveClientAddress(peer: string, forwardedFor: string | string[] | undefined, trusted: AddressList | undefined): string | undefined {
  if (trusted === undefined || forwardedFor === undefined || !trusted.has(peer)) return peer;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',');
  let client: string | undefined = peer;
  for (let i = entries.length - 1; i >= 0; i--) {
    const raw = entries[i] ?? '';
    if (raw.trim() === '') continue;
    client = parseForwardedAddress(raw);
    if (client === undefined || !trusted.has(client)) return client;
  }
  return client;
}
