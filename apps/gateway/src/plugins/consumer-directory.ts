import type { SnapshotConsumer, SnapshotCredential } from '@aya/config-schema';
import type { ConsumerDirectory, ConsumerIdentity } from './types';

type CredentialType = SnapshotCredential['type'];

/**
 * A tenant's consumers and credentials, indexed once per config change (the compile reuses it while
 * none of them changed, so plugin instances built on it are kept too).
 */
export class TenantDirectory implements ConsumerDirectory {
  private readonly byId = new Map<string, ConsumerIdentity>();
  private readonly byUsername = new Map<string, ConsumerIdentity>();
  private readonly byCustomId = new Map<string, ConsumerIdentity>();
  private readonly byType = new Map<CredentialType, SnapshotCredential[]>();

  constructor(
    readonly consumers: readonly SnapshotConsumer[],
    /** the tenant's credentials, as listed in the snapshot (kept to compare on the next compile) */
    readonly credentialItems: readonly SnapshotCredential[],
  ) {
    for (const c of consumers) {
      const identity: ConsumerIdentity = { id: c.id, username: c.username, customId: c.customId, groups: c.groups };
      this.byId.set(c.id, identity);
      this.byUsername.set(c.username, identity);
      if (c.customId !== null) this.byCustomId.set(c.customId, identity);
    }
    for (const cred of credentialItems) {
      // a credential of a consumer that is not there (yet) authenticates nobody
      if (!this.byId.has(cred.consumerId)) continue;
      let list = this.byType.get(cred.type);
      if (!list) this.byType.set(cred.type, (list = []));
      list.push(cred);
    }
  }

  /** by id first, then by username (ids and usernames do not collide in practice: ids are generated) */
  consumer(idOrUsername: string): ConsumerIdentity | undefined {
    return this.byId.get(idOrUsername) ?? this.byUsername.get(idOrUsername);
  }

  consumerByCustomId(customId: string): ConsumerIdentity | undefined {
    return this.byCustomId.get(customId);
  }

  credentials<T extends CredentialType>(type: T): ReadonlyArray<Extract<SnapshotCredential, { type: T }>> {
    return (this.byType.get(type) ?? []) as Extract<SnapshotCredential, { type: T }>[];
  }

  /** same items (by object identity, in order) as the lists given: the directory can be kept */
  sameItems(consumers: readonly SnapshotConsumer[], credentials: readonly SnapshotCredential[]): boolean {
    return sameList(this.consumers, consumers) && sameList(this.credentialItems, credentials);
  }
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
