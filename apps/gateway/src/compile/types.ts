import type { Balancer, BalancerTarget } from '../balancer/types';
import type { HealthPlanEntry } from '../health/health-registry';
import type { TargetHealth } from '../health/target-health';
import type { CompileCache } from './compile-cache';
import type { RetryBudgetTracker } from '../proxy/retry-budget';
import type { ResponsePolicy } from '../response/policy';
import type { RouteHit, Router } from '../router/router';
import type { ServiceEndpoint } from '../tls/upstream-tls';
import type { RoutePlugins } from '../plugins/chain';
import type { PluginInstance } from '../plugins/types';
import type { RouteFallback } from '../traffic/fallback';
import type { RouteTraffic } from '../traffic/route-traffic';

export interface RuntimeTarget extends BalancerTarget {
  /** `http://host:port` (IPv6 bracketed): what undici connects to and what Host says */
  readonly origin: string;
  /** pools are keyed by origin + connect timeout, since the timeout is a pool option */
  readonly poolKey: string;
  readonly connectTimeoutMs: number;
  /** scheme, upstream TLS options and HTTP/2 mode (gRPC); absent: plain HTTP/1.1 */
  readonly endpoint?: ServiceEndpoint;
  /** health + breaker; the proxy reports every attempt's outcome to it */
  readonly gate: TargetHealth;
  /** statuses that count as a failed request for passive health and the breaker */
  readonly failureStatuses: ReadonlySet<number>;
}

export interface RuntimeService {
  readonly id: string;
  readonly name: string;
  readonly balancer: Balancer<RuntimeTarget>;
  /** every target, weight 0 included: sticky sessions map their cookie tokens over these */
  readonly targets: readonly RuntimeTarget[];
  readonly connectTimeoutMs: number;
  /** idle time while writing the request body upstream */
  readonly sendTimeoutMs: number;
  /** headers, then idle time between body chunks */
  readonly readTimeoutMs: number;
  /** whole request, all attempts; 0 = none */
  readonly totalTimeoutMs: number;
  /** retries per request */
  readonly retries: number;
  readonly retryBudget: RetryBudgetTracker;
  /** service path without its trailing slash; '' when the service path is '/' */
  readonly pathPrefix: string;
}

export interface RuntimeRoute {
  readonly id: string;
  readonly name: string;
  readonly service: RuntimeService;
  readonly stripPath: boolean;
  /** split, sticky, rewrite, redirect, header transforms; undefined when the route uses none */
  readonly traffic?: RouteTraffic;
  /** compression / cache of the route's responses; undefined: responses pass as they are */
  readonly response?: ResponsePolicy;
  /** what to answer when the service cannot be reached at all; undefined: the gateway's 502/503 */
  readonly fallback?: RouteFallback;
  /** the route's plugin chain (plugins/chain.ts); undefined when no plugin applies: the request path pays one check */
  readonly plugins?: RoutePlugins;
}

/** What the router returns: built once per static (route, path); regex and `:param` paths add their captures. */
export type RouteMatch = RouteHit<RuntimeRoute>;

export interface CompiledConfig {
  readonly revision: number;
  readonly hash: string;
  readonly router: Router<RuntimeRoute>;
  /** every pool key some service may use: the pool registry closes the others */
  readonly poolKeys: ReadonlySet<string>;
  /** every upstream target: the health registry keeps (and checks) exactly these */
  readonly healthPlan: readonly HealthPlanEntry[];
  readonly serviceIds: ReadonlySet<string>;
  /** things skipped while compiling (dangling references); logged, never fatal */
  readonly warnings: readonly string[];
  /** what the next compileSnapshot(…, previous = this) reuses; absent on configs built elsewhere */
  readonly cache?: CompileCache;
  /** every plugin instance some route uses: after a swap the gateway closes the previous config's others */
  readonly pluginInstances?: ReadonlySet<PluginInstance>;
}
