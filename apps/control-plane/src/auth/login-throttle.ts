import { Inject, Injectable } from '@nestjs/common';
import { TooManyAttemptsError } from '../common/errors';
import { PRISMA, type Db, type Tx } from '../db/prisma';
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  THROTTLE_WINDOW_MS,
  decideAttempt,
  lockMsAfter,
  type CounterState,
  type ThrottlePolicy,
} from './login-throttle-policy';

type Kind = 'account' | 'address';

/** A sign-in attempt let through: it already counts as failed until `succeeded` takes that back. */
export interface Attempt {
  username: string;
  address: string;
}

const POLICY: Record<Kind, ThrottlePolicy> = { account: ACCOUNT_POLICY, address: ADDRESS_POLICY };
const WINDOW_SECONDS = THROTTLE_WINDOW_MS / 1000;
/** Stale rows are deleted at most this often per control plane. */
const SWEEP_EVERY_MS = 60_000;

/**
 * The counters of login-throttle-policy.ts in Postgres (`login_throttles`), so every control plane of a cluster
 * sees the same ones and a restart forgets nothing. Times are the database's `now()`: replicas' clocks may differ.
 */
@Injectable()
export class LoginThrottle {
  private lastSweep = 0;

  constructor(@Inject(PRISMA) private readonly prisma: Db) {}

  /**
   * Lets the attempt through (counting it as a failure) or throws TooManyAttemptsError. Check and count are one
   * transaction holding both rows' locks, so parallel attempts cannot all pass one check.
   */
  async begin(username: string, address: string): Promise<Attempt> {
    await this.sweep();
    await this.prisma.$transaction(async (tx) => {
      const state = await lockRows(tx, username, address);
      const decision = decideAttempt(state.account, state.address);
      if (!decision.allowed) throw new TooManyAttemptsError(decision.retryAfterSeconds);
      await countFailure(tx, 'account', username, state.account.failures + 1);
      await countFailure(tx, 'address', address, state.address.failures + 1);
    });
    return { username, address };
  }

  /**
   * The password was right: the account starts over; the address only takes this attempt back (resetting it would let
   * an attacker with one valid account of their own wipe their address's failures between guesses).
   */
  async succeeded(attempt: Attempt): Promise<void> {
    await this.prisma.$executeRaw`DELETE FROM login_throttles WHERE kind = 'account' AND key = ${attempt.username}`;
    await this.prisma.$executeRaw`
      UPDATE login_throttles
         SET failures = GREATEST(failures - 1, 0),
             locked_until = CASE WHEN failures - 1 < ${ADDRESS_POLICY.freeFailures} THEN NULL ELSE locked_until END
       WHERE kind = 'address' AND key = ${attempt.address}`;
  }

  private async sweep(): Promise<void> {
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    await this.prisma.$executeRaw`
      DELETE FROM login_throttles
       WHERE updated_at < now() - make_interval(secs => ${WINDOW_SECONDS}::float8)
         AND (locked_until IS NULL OR locked_until < now())`;
  }
}

interface Row {
  kind: Kind;
  failures: number;
  lockedForMs: number;
}

/** Creates the rows when missing and locks them (account first, always: no deadlock); stale failures read as 0. */
async function lockRows(tx: Tx, username: string, address: string): Promise<Record<Kind, CounterState>> {
  const rows = await tx.$queryRaw<Row[]>`
    INSERT INTO login_throttles (kind, key) VALUES ('account', ${username}), ('address', ${address})
    ON CONFLICT (kind, key) DO UPDATE SET kind = EXCLUDED.kind
    RETURNING kind,
      CASE WHEN updated_at < now() - make_interval(secs => ${WINDOW_SECONDS}::float8) THEN 0 ELSE failures END AS failures,
      GREATEST(0, EXTRACT(EPOCH FROM locked_until - now()) * 1000)::float8 AS "lockedForMs"`;
  const of = (kind: Kind): CounterState => {
    const row = rows.find((r) => r.kind === kind);
    return { failures: row?.failures ?? 0, lockedForMs: row?.lockedForMs ?? 0 };
  };
  return { account: of('account'), address: of('address') };
}

async function countFailure(tx: Tx, kind: Kind, key: string, failures: number): Promise<void> {
  const lockSeconds = lockMsAfter(failures, POLICY[kind]) / 1000;
  await tx.$executeRaw`
    UPDATE login_throttles
       SET failures = ${failures},
           locked_until = CASE WHEN ${lockSeconds}::float8 > 0 THEN now() + make_interval(secs => ${lockSeconds}::float8) ELSE NULL END,
           updated_at = now()
     WHERE kind = ${kind} AND key = ${key}`;
}
