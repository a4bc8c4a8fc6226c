/**
 * The one script cluster decisions run (EVALSHA; ioredis reloads it on NOSCRIPT). It is engine.ts's
 * arithmetic in Lua over ONE hash per subject: a decision covers all its windows in one atomic step and
 * one round trip, touching one key (one slot on a Redis Cluster). The decisions a gateway makes in one
 * event-loop turn travel in one call (keys of one slot only, so a call never spans Redis Cluster nodes):
 * each is still decided on its own, atomically, in arrival order. Time is Redis's own (TIME) for
 * sliding-window and gcra, so gateways with skewed clocks agree; fixed periods (quota) come from the
 * caller, with its clock.
 *
 * KEYS     one hash per decision, hash-tagged: {aya:rl:<instance>:<subject>}
 * ARGV     caller's now (ms), then per decision: algorithm ('sliding-window' | 'gcra' | 'fixed'), want (how
 *          many requests to count at once: 1 for one request, more for a lease, lease.ts), window count n,
 *          then n x (limit, ms, start)
 * returns  per decision: granted (0 = refused, else 1..want: what every window had room for), retryAfterMs,
 *          then per window: remaining (after the grant), resetMs
 *
 * Fields per window (prefix = algorithm initial + window ms): sliding <p>:i <p>:c <p>:p (window index,
 * current, previous count); gcra <p>:t (theoretical arrival time); fixed <p>:s <p>:c (period start, count).
 * As in engine.ts, a refused request is written nowhere. With want = 1 this is exactly engine.ts's decision.
 */
export const LIMIT_SCRIPT = `
local t = redis.call('TIME')
local redisNow = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local callerNow = tonumber(ARGV[1])
local eps = 0.001
local out = {}

local function decide(key, alg, want, n, base)
  local now = redisNow
  if alg == 'fixed' then now = callerNow end
  -- pass 1: how many requests each window has room for (avail), and what it would write per request
  local wins = {}
  local grant = want
  for i = 1, n do
    local L = tonumber(ARGV[base + 3 * i - 2])
    local W = tonumber(ARGV[base + 3 * i - 1])
    local p = string.sub(alg, 1, 1) .. W
    local w = {p = p, L = L, W = W}
    if alg == 'sliding-window' then
      local idx = math.floor(now / W)
      local elapsed = now - idx * W
      local v = redis.call('HMGET', key, p .. ':i', p .. ':c', p .. ':p')
      local si, cur, prev = tonumber(v[1]), tonumber(v[2]) or 0, tonumber(v[3]) or 0
      if si == idx - 1 then prev = cur; cur = 0 elseif si ~= idx then prev = 0; cur = 0 end
      local estimate = prev * (W - elapsed) / W + cur
      w.idx, w.cur, w.prev = idx, cur, prev
      w.avail = math.floor(L - estimate)
      w.reset = W - elapsed
      w.ttl = (idx + 2) * W - now
      if cur + 1 <= L and prev > 0 then w.wait = w.reset - (L - 1 - cur) * W / prev else w.wait = w.reset + W - (L - 1) * W / cur end
    elseif alg == 'gcra' then
      local interval = W / L
      local tat = math.max(tonumber(redis.call('HGET', key, p .. ':t')) or 0, now)
      w.tat, w.interval = tat, interval
      w.avail = math.floor((W + eps - (tat - now)) / interval)
      w.reset = tat - now
      w.wait = tat + interval - W - now
    else
      local start = tonumber(ARGV[base + 3 * i])
      local v = redis.call('HMGET', key, p .. ':s', p .. ':c')
      local count = 0
      if tonumber(v[1]) == start then count = tonumber(v[2]) or 0 end
      w.start, w.count = start, count
      w.avail = L - count
      w.reset = start + W - now
      w.ttl = start + W - now
      w.wait = w.reset
    end
    grant = math.min(grant, w.avail)
    wins[i] = w
  end
  -- pass 2: all windows count the granted requests, or (grant 0) none does
  local res = {}
  local retry = 0
  if grant >= 1 then
    local ttl = 0
    for i = 1, n do
      local w = wins[i]
      if alg == 'sliding-window' then
        redis.call('HSET', key, w.p .. ':i', w.idx, w.p .. ':c', w.cur + grant, w.p .. ':p', w.prev)
      elseif alg == 'gcra' then
        local tat = w.tat + grant * w.interval
        redis.call('HSET', key, w.p .. ':t', tat)
        w.reset = tat - now
        w.ttl = tat - now
      else
        redis.call('HSET', key, w.p .. ':s', w.start, w.p .. ':c', w.count + grant)
      end
      ttl = math.max(ttl, w.ttl)
      table.insert(res, w.avail - grant)
      table.insert(res, math.ceil(w.reset))
    end
    redis.call('PEXPIRE', key, math.max(1, math.ceil(ttl)))
  else
    grant = 0
    for i = 1, n do
      local w = wins[i]
      -- a window with room was overruled by another: it counted nothing and keeps its room
      table.insert(res, math.max(0, w.avail))
      table.insert(res, math.ceil(w.reset))
      if w.avail < 1 then retry = math.max(retry, w.wait, 1) end
    end
  end
  table.insert(out, grant)
  table.insert(out, math.ceil(retry))
  for _, x in ipairs(res) do table.insert(out, x) end
end

local base = 2
for k = 1, #KEYS do
  local n = tonumber(ARGV[base + 2])
  decide(KEYS[k], ARGV[base], tonumber(ARGV[base + 1]), n, base + 2)
  base = base + 3 + 3 * n
end
return out
`;
