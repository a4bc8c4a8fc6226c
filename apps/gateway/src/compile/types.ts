import type { Balancer, BalancerTarget } from '../balancer/types';
import type { Router } from '../router/router';

export interface RuntimeTarget extends BalancerTarget {
  /** `http://host:port` (IPv6 bracketed): what undici connects to and what Host says */
  readonly origin: string;
  /** pools are keyed by origin + connect timeout, since the timeout is a pool option */
  readonly poolKey: string;
  readonly connectTimeoutMs: number;
}

export interface RuntimeService {
  readonly id: string;
  readonly name: string;
  readonly balancer: Balancer<RuntimeTarget>;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  readonly retries: number;
  /** service path without its trailing slash; '' when the service path is '/' */
  readonly pathPrefix: string;
}

export interface RuntimeRoute {
  readonly id: string;
  readonly name: string;
  readonly service: RuntimeService;
  readonly stripPath: boolean;
}

/** What the router returns: one per (route, path), so the matched prefix is known without work. */
export interface RouteMatch {
  readonly route: RuntimeRoute;
  readonly prefix: string;
}

export interface CompiledConfig {
  readonly revision: number;
  readonly hash: string;
  readonly router: Router<RouteMatch>;
  /** every pool key some service may use: the pool registry closes the others */
  readonly poolKeys: ReadonlySet<string>;
  /** things skipped while compiling (dangling references); logged, never fatal */
  readonly warnings: readonly string[];
}
