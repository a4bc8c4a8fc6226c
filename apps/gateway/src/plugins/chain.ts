import type { TenantDirectory } from './consumer-directory';
import type { AuthPluginInstance, PluginInstance } from './types';

/** One compiled plugin instance (one snapshot plugin), as chains hold it. */
export interface Step {
  readonly name: string;
  readonly priority: number;
  /** the snapshot plugin's id (logs, counter keys) */
  readonly instanceId: string;
  /** how specific its scope is (scopes.ts); the chain keeps the most specific per name */
  readonly rank: number;
  /** undefined: its config did not parse, create() threw or the name is unknown: the chain fails closed */
  readonly instance: PluginInstance | undefined;
  readonly auth: AuthPluginInstance | undefined;
}

/** The steps of one phase (only instances that implement it), in priority order. */
type WithPhase<K extends keyof PluginInstance> = Step & { readonly instance: PluginInstance & Required<Pick<PluginInstance, K>> };

function withPhase<K extends keyof PluginInstance>(steps: readonly Step[], phase: K): WithPhase<K>[] {
  return steps.filter((s): s is WithPhase<K> => s.instance?.[phase] !== undefined);
}

/** higher priority first; equal priorities by name, so the order never depends on snapshot order */
export function byPriority(a: Step, b: Step): number {
  return b.priority - a.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/**
 * The plugins one request runs, in priority order: `before` (access phases above the auth step),
 * the auth plugins (one "any of them" step, at the place of the first of them), `after`; then the
 * response phases over all of them. Built once per route (and per route x consumer), never per request.
 */
export class Chain {
  readonly before: WithPhase<'access'>[];
  readonly auth: Step[];
  readonly after: WithPhase<'access'>[];
  readonly header: WithPhase<'header'>[];
  readonly body: WithPhase<'body'>[];
  readonly log: WithPhase<'log'>[];
  /** the first step that cannot run: every request of the chain answers 500 AYA_GW_PLUGIN_ERROR */
  readonly broken: Step | undefined;
  readonly steps: readonly Step[];

  constructor(
    steps: readonly Step[],
    /** the tenant's consumers: the auth step's anonymous fallback looks the consumer up there */
    readonly directory: TenantDirectory,
  ) {
    this.steps = [...steps].sort(byPriority);
    this.broken = this.steps.find((s) => s.instance === undefined);
    const firstAuth = this.steps.findIndex((s) => s.auth !== undefined);
    const plain = this.steps.filter((s) => s.auth === undefined);
    this.auth = this.steps.filter((s) => s.auth !== undefined);
    const authPriority = firstAuth < 0 ? -Infinity : this.steps[firstAuth].priority;
    this.before = withPhase(
      plain.filter((s) => firstAuth < 0 || s.priority > authPriority),
      'access',
    );
    this.after = withPhase(
      plain.filter((s) => firstAuth >= 0 && s.priority <= authPriority),
      'access',
    );
    // auth plugins may have response phases too; they run like everyone else's
    this.header = withPhase(this.steps, 'header');
    this.body = withPhase(
      this.steps.filter((s) => s.instance?.buffersBody === true),
      'body',
    );
    this.log = withPhase(this.steps, 'log');
  }
}

/**
 * A route's plugins: the chain without a consumer, plus the consumer-scoped instances that may
 * replace (more specific) or join it once a request is authenticated, resolved per consumer on
 * first use and kept for as long as the compiled route is.
 */
export class RoutePlugins {
  private readonly resolved = new Map<string, Chain>();

  constructor(
    readonly tenant: string,
    readonly base: Chain,
    /** consumer id -> its instances that apply to this route (at most one per name, the most specific) */
    private readonly consumerSteps: ReadonlyMap<string, readonly Step[]> | undefined,
    /** step lists compared by identity when the next compile decides whether to keep this object */
    readonly signature: readonly Step[],
  ) {}

  /** the chain once `consumerId` is known; the base chain when it has no instances of its own here */
  forConsumer(consumerId: string): Chain {
    const own = this.consumerSteps?.get(consumerId);
    if (!own) return this.base;
    let chain = this.resolved.get(consumerId);
    if (!chain) {
      const steps = new Map(this.base.steps.map((s) => [s.name, s]));
      for (const s of own) {
        const current = steps.get(s.name);
        if (!current || s.rank > current.rank) steps.set(s.name, s);
      }
      chain = new Chain([...steps.values()], this.base.directory);
      this.resolved.set(consumerId, chain);
    }
    return chain;
  }
}
