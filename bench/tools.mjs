// Load tools for the throughput benchmark: nginx (origin + reference proxy), wrk, CPU pinning, RSS.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, sleep } from './lib.mjs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** nginx and wrk come from Debian; installed once when missing (root only, no other registry). */
export function ensureTools(log) {
  const missing = ['nginx', 'wrk'].filter((c) => !has(c));
  if (missing.length) {
    if (process.getuid?.() !== 0) throw new Error(`missing ${missing.join(', ')}: install them (apt-get install -y nginx wrk)`);
    log(`installing ${missing.join(', ')} from Debian`);
    for (const args of [['update'], ['install', '-y', 'nginx', 'wrk']]) {
      const r = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
      if (r.status !== 0) throw new Error(`apt-get ${args[0]} failed`);
    }
  }
  return { pinning: has('taskset') && spawnSync('taskset', ['-c', '1', 'true']).status === 0 };
}

const started = new Set();
process.on('exit', () => started.forEach((c) => c.kill('SIGKILL')));

/** spawn, pinned to one core when taskset works (taskset execs, so child.pid is the program's pid) */
export function spawnPinned(core, pinning, cmd, args, opts = {}) {
  const [c, a] = pinning && core !== undefined ? ['taskset', ['-c', String(core), cmd, ...args]] : [cmd, args];
  const child = spawn(c, a, { stdio: ['ignore', 'ignore', 'inherit'], ...opts });
  started.add(child);
  child.on('exit', () => started.delete(child));
  return child;
}

export function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

/** VmRSS in MB of a process and its children (nginx: master + worker). */
export function rssMb(pid) {
  const one = (p) => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      return m ? Number(m[1]) : 0;
    } catch {
      return 0;
    }
  };
  let kb = one(pid);
  try {
    for (const c of fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) kb += one(c);
  } catch {
    /* no children file: count the process alone */
  }
  return +(kb / 1024).toFixed(1);
}

const NGINX_HEAD = (dir) => `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
`;

/** nginx in the foreground from a temp dir. kind: 'origin' (return 200 "ok") or 'proxy' (to originPort). */
export async function startNginx({ kind, core, pinning, originPort }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `aya-bench-nginx-${kind}-`));
  const port = await freePort();
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${dir}/${t};`).join(' ');
  const body =
    kind === 'origin'
      ? `location / { default_type text/plain; return 200 "ok"; }`
      : `location / { proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection ""; }`;
  const upstream = kind === 'proxy' ? `upstream origin { server 127.0.0.1:${originPort}; keepalive 64; keepalive_requests 1000000; }` : '';
  const conf = `${NGINX_HEAD(dir)}http {
  access_log off; ${temps}
  keepalive_requests 1000000; keepalive_timeout 60s;
  ${upstream}
  server { listen 127.0.0.1:${port} backlog=4096; ${body} }
}
`;
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const child = spawnPinned(core, pinning, 'nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')]);
  const url = `http://127.0.0.1:${port}/`;
  await waitOk(url, child);
  return { url, port, child, dir, stop: () => stopChild(child) };
}

export async function waitOk(url, child, timeoutMs = 20_000, headers = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`process for ${url} exited (${child.exitCode})`);
    try {
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer 200`);
}

// wrk reports through this script: exact percentiles as JSON, and an optional fixed per-connection
// delay (ms) between a response and the next request, which caps each connection's rate.
const LUA = `local d = tonumber(os.getenv("AYA_WRK_DELAY_MS") or "0")
if d > 0 then delay = function() return d end end
done = function(s, lat, req)
  local e = s.errors
  io.write(string.format('AYAWRK {"requests":%d,"durationUs":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\\n',
    s.requests, s.duration, lat:percentile(50), lat:percentile(90), lat:percentile(99), lat.max, e.connect, e.read, e.write, e.status, e.timeout))
end
`;
let luaPath;

/** One wrk run; latencies in ms. delayMs > 0 paces each connection (rate ≈ connections / delay); `headers` sent with every request. */
export function wrk({ url, connections, seconds, delayMs = 0, core, pinning, headers = {} }) {
  if (!luaPath) {
    luaPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aya-bench-wrk-')), 'report.lua');
    fs.writeFileSync(luaPath, LUA);
  }
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '5s', '-s', luaPath, ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), url];
  return new Promise((resolve, reject) => {
    const child = spawnPinned(core, pinning, 'wrk', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AYA_WRK_DELAY_MS: String(delayMs) } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('AYAWRK '));
      if (code !== 0 || !line) return reject(new Error(`wrk failed (${code}): ${out.slice(-500)}`));
      const r = JSON.parse(line.slice(7));
      const errors = r.connect + r.read + r.write + r.timeout;
      resolve({
        rps: Math.round(r.requests / (r.durationUs / 1e6)),
        p50: r.p50 / 1000, p90: r.p90 / 1000, p99: r.p99 / 1000, max: r.max / 1000,
        requests: r.requests, socketErrors: errors, non2xx: r.status, connections, delayMs,
      });
    });
  });
}
