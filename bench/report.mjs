// Markdown tables of a bench result (what the README shows).
const f = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : Number(x).toFixed(d));
const int = (x) => (x === null || x === undefined ? 'n/a' : Math.round(x).toLocaleString('en-US'));
const verdict = (ok) => (ok ? '**met**' : '**not met**');

export function renderTable(r) {
  const t = r.throughput;
  const { origin, nginx, aya } = t.peak;
  const h = t.halfLoad;
  const p = r.propagation;
  const maxGwRss = Math.max(...p.rss.gatewaysMb);
  const churnErrors = p.churn ? p.churn.non200 + p.churn.socketErrors : null;
  const lines = [
    `Aya benchmark (${r.mode}, ${r.at.slice(0, 16).replace('T', ' ')} UTC, ${r.machine}; ${t.pinning ? 'proxy pinned to core 0, origin + wrk to core 1' : 'not pinned'}).`,
    `wrk -t1 -c${t.connections}, ${t.rounds} interleaved round(s) x ${t.seconds} s after a warm-up; medians. Origin: nginx \`return 200 "ok"\`.`,
    '',
    '| | origin direct | nginx proxy (1 worker) | Aya gateway (1 process) | Aya / nginx |',
    '|---|---:|---:|---:|---:|',
    `| requests/s | ${int(origin.rps)} | ${int(nginx.rps)} | ${int(aya.rps)} | ${f(t.ratios.ayaToNginxRps)} |`,
    `| p50 latency (ms) | ${f(origin.p50Ms)} | ${f(nginx.p50Ms)} | ${f(aya.p50Ms)} | ${f(t.ratios.ayaToNginxP50)} |`,
    `| p99 latency (ms) | ${f(origin.p99Ms)} | ${f(nginx.p99Ms)} | ${f(aya.p99Ms)} | ${f(t.ratios.ayaToNginxP99)} |`,
    `| proxy RSS under load (MB) | - | ${f(nginx.rssMb, 1)} | ${f(aya.rssMb, 1)} | |`,
    `| p99 at ~${int(h.offeredRps)} req/s (half of Aya's peak) (ms) | ${f(h.perConfig.origin.p99Ms)} | ${f(h.perConfig.nginx.p99Ms)} | ${f(h.perConfig.aya.p99Ms)} | |`,
    `| added p99 at half load (ms) | - | ${f(h.addedP99Ms.nginx)} | ${f(h.addedP99Ms.aya)} | |`,
    '',
    '| | requests/s | / nginx | / Aya plain proxy | p99 (ms) | CPU per request / Aya plain |',
    '|---|---:|---:|---:|---:|---:|',
    `| Aya + key-auth + cluster rate limit | ${int(t.peak.ayaPolicies?.rps)} | ${f(t.ratios.policiesToNginxRps)} | ${f(t.ratios.policiesToAyaRps)} | ${f(t.peak.ayaPolicies?.p99Ms)} | ${f(t.ratios.policiesToAyaCpuPerRequest)} |`,
    '',
    `Config (2 gateways, Redis notices, real control plane + Postgres), ${int(p.routes)} routes seeded by one declarative apply (${f(p.seed?.applySeconds, 1)} s for the request, ${int(p.seed?.routesPerSecond)} routes/s; served by both gateways after ${f(p.seed?.totalSecondsUntilServed, 1)} s):`,
    '',
    '| | p50 | p99 | max | samples |',
    '|---|---:|---:|---:|---:|',
  ];
  if (p.baseline) {
    lines.push(`| propagation, small config: write start -> both gateways serve (ms) | ${f(p.baseline.fromWriteStartMs.p50, 1)} | ${f(p.baseline.fromWriteStartMs.p99, 1)} | ${f(p.baseline.fromWriteStartMs.max, 1)} | ${p.baseline.changes} |`);
  }
  lines.push(
    `| propagation at ${int(p.routes)} routes: write start -> both serve (ms) | ${f(p.fromWriteStartMs.p50, 1)} | ${f(p.fromWriteStartMs.p99, 1)} | ${f(p.fromWriteStartMs.max, 1)} | ${p.changesDone} of ${p.changes} |`,
    `| ... of which the admin write (ms) | ${f(p.adminWriteMs.p50, 1)} | ${f(p.adminWriteMs.p99, 1)} | ${f(p.adminWriteMs.max, 1)} | |`,
    `| ... after the write's response (ms) | ${f(p.fromWriteResponseMs.p50, 1)} | ${f(p.fromWriteResponseMs.p99, 1)} | ${f(p.fromWriteResponseMs.max, 1)} | |`,
    '',
    '| target | measured | result |',
    '|---|---|---|',
    `| Aya 1-process RPS >= 60% of nginx 1-worker | ${f(t.ratios.ayaToNginxRps * 100, 0)}% | ${verdict(t.ratios.ayaToNginxRps >= 0.6)} |`,
    `| Aya + key-auth + cluster rate limit RPS >= 85% of Aya's plain proxy | ${f(t.ratios.policiesToAyaRps * 100, 0)}% | ${verdict(t.ratios.policiesToAyaRps >= 0.85)} |`,
    `| added p99 <= 1 ms at half of peak load | ${f(h.addedP99Ms.aya)} ms (nginx: ${f(h.addedP99Ms.nginx)} ms) | ${verdict(h.addedP99Ms.aya <= 1)} |`,
    `| config propagation p99 <= 100 ms (${int(p.routes)} routes, from write start) | ${f(p.fromWriteStartMs.p99, 0)} ms${p.baseline ? ` (small config: ${f(p.baseline.fromWriteStartMs.p99, 0)} ms)` : ''} | ${verdict(p.fromWriteStartMs.p99 <= 100)} |`,
    `| gateway RSS <= 150 MB with ${int(p.configuredRoutes)} routes | ${p.rss.gatewaysMb.map((x) => f(x, 0)).join(' / ')} MB | ${verdict(maxGwRss <= 150)} |`,
  );
  if (p.churn) {
    const c = p.churn;
    lines.push(
      `| zero client errors during ${int(c.changesDone)} config changes${c.changesDone < c.changes ? ` (of ${int(c.changes)}: time budget)` : ''} | ${int(churnErrors)} errors in ${int(c.requests)} requests (${int(c.non200)} non-200, ${int(c.socketErrors)} socket) | ${verdict(churnErrors === 0)} |`,
    );
  }
  lines.push('', `Half load method: ${h.method}. Runtime ${r.runtimeSeconds} s.`);
  return lines.join('\n') + '\n';
}
