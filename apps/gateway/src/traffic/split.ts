import type { SnapshotSplit } from '@aya/config-schema';
import { cookieOf, firstHeader } from '../balancer/pick-context';
import type { RuntimeService, RuntimeTarget } from '../compile/types';
import type { HeaderBag } from '../router/router';

interface Rule {
  header: boolean;
  /** lower-case for headers */
  name: string;
  value: string;
  service: RuntimeService;
}

/** token -> (service, target) over every service a split can reach */
export interface StickyIndex {
  cookie: string;
  targets: ReadonlyMap<string, { service: RuntimeService; target: RuntimeTarget }>;
}

interface Weighted {
  service: RuntimeService;
  weight: number;
  current: number;
}

/**
 * Chooses a route's service: match rules first (first header / cookie equal to its value), then
 * the service of the target the sticky cookie names while that target is usable, then a smooth
 * weighted round robin (nginx's), which spreads a 90/10 canary exactly rather than by chance.
 */
export class ServiceSplit {
  private readonly rules: Rule[];
  private readonly weighted: Weighted[];
  private readonly total: number;

  constructor(
    split: SnapshotSplit,
    resolve: (serviceId: string) => RuntimeService | undefined,
    private readonly fallback: RuntimeService,
    private readonly sticky: StickyIndex | null,
  ) {
    this.rules = [];
    for (const m of split.match ?? []) {
      const service = resolve(m.serviceId);
      if (!service) continue;
      if ('header' in m) this.rules.push({ header: true, name: m.header.toLowerCase(), value: m.value, service });
      else this.rules.push({ header: false, name: m.cookie, value: m.value, service });
    }
    this.weighted = [];
    for (const s of split.services) {
      const service = resolve(s.serviceId);
      if (service && s.weight > 0) this.weighted.push({ service, weight: s.weight, current: 0 });
    }
    this.total = this.weighted.reduce((n, w) => n + w.weight, 0);
  }

  choose(headers: HeaderBag): RuntimeService {
    const rules = this.rules;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      const v = r.header ? firstHeader(headers[r.name]) : cookieOf(firstHeader(headers.cookie), r.name);
      if (v === r.value) return r.service;
    }
    if (this.sticky) {
      const token = cookieOf(firstHeader(headers.cookie), this.sticky.cookie);
      const hit = token === undefined ? undefined : this.sticky.targets.get(token);
      if (hit && hit.target.weight > 0 && hit.target.gate.available()) return hit.service;
    }
    if (this.weighted.length === 0) return this.fallback;
    let best: Weighted | undefined;
    for (const w of this.weighted) {
      w.current += w.weight;
      if (best === undefined || w.current > best.current) best = w;
    }
    if (!best) return this.fallback;
    best.current -= this.total;
    return best.service;
  }
}
