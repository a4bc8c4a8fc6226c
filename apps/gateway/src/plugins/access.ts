import { GwErrorCode } from '@aya/config-schema';
import type { Chain, Step } from './chain';
import type { PluginRun } from './plugin-run';
import { BodyAbortedError, BodyTooLargeError } from './read-body';
import type { AuthOutcome, PhaseResult, PluginReply } from './types';

export const PLUGIN_ERROR: PluginReply = { code: GwErrorCode.PLUGIN_ERROR };
const BODY_TOO_LARGE: PluginReply = { code: GwErrorCode.BODY_TOO_LARGE };
const BODY_ABORTED: PluginReply = { code: GwErrorCode.BAD_REQUEST };

type Result = PhaseResult | Promise<PhaseResult>;

function isPromise<T>(v: T | Promise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown } | undefined)?.then === 'function';
}

/** A phase failed: a body over its limit is the client's 413; anything else fails closed (logged, counted). */
function failure(run: PluginRun, step: Step, err: unknown): PluginReply {
  if (err instanceof BodyTooLargeError) return BODY_TOO_LARGE;
  if (err instanceof BodyAbortedError) return BODY_ABORTED;
  run.failed(step, err);
  return PLUGIN_ERROR;
}

/**
 * Runs the access phases of the request's chain: `before`, the auth step, then `after` of the chain
 * the consumer resolved to. Synchronous as long as every phase answers synchronously (no promise, no
 * microtask); the first phase that returns a promise continues the rest asynchronously. A reply
 * stops the chain; a throw or rejection is 500 AYA_GW_PLUGIN_ERROR.
 */
export function runAccess(run: PluginRun): Result {
  const chain = run.chain;
  if (chain.broken) {
    run.failedClosed(chain.broken);
    return PLUGIN_ERROR;
  }
  return steps(run, chain.before, 0, chain.auth.length > 0 ? afterBefore : undefined);
}

/** the `before` steps are done: authenticate */
function afterBefore(run: PluginRun): Result {
  return authenticate(run, 0, undefined, undefined);
}

/** authenticated (or anonymous): the consumer's chain, then its `after` steps */
function afterAuth(run: PluginRun): Result {
  const chain = run.chain;
  if (chain.broken) {
    run.failedClosed(chain.broken);
    return PLUGIN_ERROR;
  }
  return steps(run, chain.after, 0, undefined);
}

function steps(run: PluginRun, list: Chain['before'], from: number, then: ((run: PluginRun) => Result) | undefined): Result {
  for (let i = from; i < list.length; i++) {
    const step = list[i];
    let r: Result;
    try {
      r = step.instance.access(run);
    } catch (err) {
      return failure(run, step, err);
    }
    if (isPromise(r)) {
      return r.then(
        (reply) => reply ?? steps(run, list, i + 1, then),
        (err: unknown) => failure(run, step, err),
      );
    }
    if (r) return r;
  }
  return then ? then(run) : undefined;
}

/**
 * The auth plugins as one "any of them" step, in priority order: the first that authenticates wins;
 * none did: the anonymous consumer of the first that names one; else the reply of the first
 * `invalid` outcome, else of the first `missing` one.
 */
function authenticate(run: PluginRun, from: number, invalid: PluginReply | undefined, missing: PluginReply | undefined): Result {
  const list = run.chain.auth;
  for (let i = from; i < list.length; i++) {
    const step = list[i];
    let r: AuthOutcome | Promise<AuthOutcome>;
    try {
      r = (step.auth as NonNullable<Step['auth']>).authenticate(run);
    } catch (err) {
      return failure(run, step, err);
    }
    if (isPromise(r)) {
      return r.then(
        (outcome) => settle(run, step, outcome, i, invalid, missing),
        (err: unknown) => failure(run, step, err),
      );
    }
    if ('consumer' in r) return authenticated(run, r.consumer, r.credentialId, false);
    if ('invalid' in r) invalid ??= r.reply;
    else missing ??= r.reply;
  }
  return fallBack(run, invalid, missing);
}

function settle(run: PluginRun, step: Step, outcome: AuthOutcome, i: number, invalid: PluginReply | undefined, missing: PluginReply | undefined): Result {
  if ('consumer' in outcome) return authenticated(run, outcome.consumer, outcome.credentialId, false);
  return authenticate(run, i + 1, 'invalid' in outcome ? (invalid ?? outcome.reply) : invalid, 'missing' in outcome ? (missing ?? outcome.reply) : missing);
}

function fallBack(run: PluginRun, invalid: PluginReply | undefined, missing: PluginReply | undefined): Result {
  for (const step of run.chain.auth) {
    const name = step.auth?.anonymous;
    if (name === null || name === undefined) continue;
    const consumer = run.chain.directory.consumer(name);
    if (!consumer) {
      // a fallback that names nobody must not open the route
      run.failed(step, new Error(`anonymous consumer ${name} not found`));
      return PLUGIN_ERROR;
    }
    return authenticated(run, consumer, undefined, true);
  }
  return invalid ?? missing ?? { code: GwErrorCode.UNAUTHORIZED };
}

function authenticated(run: PluginRun, consumer: NonNullable<PluginRun['consumer']>, credentialId: string | undefined, anonymous: boolean): Result {
  run.consumer = consumer;
  run.credentialId = credentialId;
  const h = run.upstreamHeaders;
  h.set('x-consumer-id', consumer.id);
  h.set('x-consumer-username', consumer.username);
  if (consumer.customId !== null) h.set('x-consumer-custom-id', consumer.customId);
  if (consumer.groups.length > 0) h.set('x-consumer-groups', consumer.groups.join(','));
  if (credentialId !== undefined) h.set('x-credential-identifier', credentialId);
  if (anonymous) h.set('x-anonymous-consumer', 'true');
  run.chain = run.plugins.forConsumer(consumer.id);
  return afterAuth(run);
}
