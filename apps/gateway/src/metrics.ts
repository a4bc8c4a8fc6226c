/** Counters bumped on the request path: plain numbers, no labels resolved per request. */
export class Metrics {
  requests = 0;
  /** index = status / 100 (1..5) */
  readonly byClass = [0, 0, 0, 0, 0, 0];
  aborted = 0;
  internalErrors = 0;
  configApplies = 0;
  configFailures = 0;
  appliedRevision = -1;
  inFlight = 0;
  /** rate-limit / quota `cluster` decisions Redis did not answer (counted locally or refused with 503) */
  limitRedisErrors = 0;
  /** plugin name -> failures (a phase threw, or its instance could not be built): fail-closed answers */
  readonly pluginErrors = new Map<string, number>();

  countPluginError(plugin: string): void {
    this.pluginErrors.set(plugin, (this.pluginErrors.get(plugin) ?? 0) + 1);
  }

  countStatus(status: number): void {
    const cls = (status / 100) | 0;
    if (cls >= 1 && cls <= 5) this.byClass[cls]++;
  }

  /** Heartbeat stats: flat name -> number, as the cluster protocol wants. */
  snapshot(): Record<string, number> {
    return {
      requests: this.requests,
      inFlight: this.inFlight,
      responses2xx: this.byClass[2],
      responses3xx: this.byClass[3],
      responses4xx: this.byClass[4],
      responses5xx: this.byClass[5],
      aborted: this.aborted,
      configApplies: this.configApplies,
      configFailures: this.configFailures,
    };
  }

  prometheus(extra: { startedAtMs: number }): string {
    const lines: string[] = [
      '# HELP aya_gateway_requests_total Requests answered by the proxy, by status class.',
      '# TYPE aya_gateway_requests_total counter',
    ];
    for (let c = 1; c <= 5; c++) lines.push(`aya_gateway_requests_total{class="${c}xx"} ${this.byClass[c]}`);
    lines.push(
      '# HELP aya_gateway_requests_received_total Requests received by the proxy.',
      '# TYPE aya_gateway_requests_received_total counter',
      `aya_gateway_requests_received_total ${this.requests}`,
      '# HELP aya_gateway_requests_aborted_total Requests whose client went away before the response ended.',
      '# TYPE aya_gateway_requests_aborted_total counter',
      `aya_gateway_requests_aborted_total ${this.aborted}`,
      '# HELP aya_gateway_requests_in_flight Requests being proxied now.',
      '# TYPE aya_gateway_requests_in_flight gauge',
      `aya_gateway_requests_in_flight ${this.inFlight}`,
      '# HELP aya_gateway_config_revision Applied config revision (-1: none).',
      '# TYPE aya_gateway_config_revision gauge',
      `aya_gateway_config_revision ${this.appliedRevision}`,
      '# HELP aya_gateway_config_applies_total Config revisions applied.',
      '# TYPE aya_gateway_config_applies_total counter',
      `aya_gateway_config_applies_total ${this.configApplies}`,
      '# HELP aya_gateway_config_failures_total Config revisions rejected (hash, schema or compile).',
      '# TYPE aya_gateway_config_failures_total counter',
      `aya_gateway_config_failures_total ${this.configFailures}`,
      '# HELP aya_gateway_ratelimit_redis_errors_total Rate-limit and quota decisions of policy cluster that Redis did not answer (down, timeout).',
      '# TYPE aya_gateway_ratelimit_redis_errors_total counter',
      `aya_gateway_ratelimit_redis_errors_total ${this.limitRedisErrors}`,
      '# HELP aya_gateway_start_time_seconds Start time of the process since the epoch.',
      '# TYPE aya_gateway_start_time_seconds gauge',
      `aya_gateway_start_time_seconds ${Math.floor(extra.startedAtMs / 1000)}`,
    );
    lines.push(
      '# HELP aya_gateway_plugin_errors_total Requests failed closed by a plugin (500 AYA_GW_PLUGIN_ERROR), by plugin.',
      '# TYPE aya_gateway_plugin_errors_total counter',
    );
    for (const [plugin, n] of this.pluginErrors) lines.push(`aya_gateway_plugin_errors_total{plugin="${plugin.replace(/["\\\n]/g, '_')}"} ${n}`);
    return `${lines.join('\n')}\n`;
  }
}
