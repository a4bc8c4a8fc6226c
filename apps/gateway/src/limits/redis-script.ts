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
 * ARGV     caller's now (ms), then per decision: algorithm ('sliding-window' | 'gcra' | 'fixed'), window
 *          count n, then n x (limit, ms, start)
 * returns  per decision: allowed 0|1, retryAfterMs, then per window: remaining, resetMs
 *
 * Fields per window (prefix = algorithm initial + window ms): sliding <p>:i <p>:c <p>:p (window index,
 * current, previous count); gcra <p>:t (theoretical arrival time); fixed <p>:s <p>:c (period start, count).
 * As in engine.ts, a refused request is written nowhere.
 */
export const LIMIT_SCRIPT = `
local t = redis.call('TIME')
local redisNow = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local callerNow = tonumber(ARGV[1])
local eps = 0.001
local out = {}

local function decide(key, alg, n, base)
  local now = redisNow
  if alg == 'fixed' then now = callerNow end
  local allowed = true
  local retry = 0
  local res = {}
  local oks = {}
  local writes = {}
  local ttl = 0
  for i = 1, n do
    local L = tonumber(ARGV[base + 3 * i - 2])
    local W = tonumber(ARGV[base + 3 * i - 1])
    local p = string.sub(alg, 1, 1) .. W
    local ok, remaining, reset, wait
    if alg == 'sliding-window' then
      local idx = math.floor(now / W)
      local elapsed = now - idx * W
      local v = redis.call('HMGET', key, p .. ':i', p .. ':c', p .. ':p')
      local si, cur, prev = tonumber(v[1]), tonumber(v[2]) or 0, tonumber(v[3]) or 0
      if si == idx - 1 then prev = cur; cur = 0 elseif si ~= idx then prev = 0; cur = 0 end
      local estimate = prev * (W - elapsed) / W + cur
      reset = W - elapsed
      if estimate + 1 <= L then
        ok = true
        remaining = math.floor(L - estimate - 1)
        table.insert(writes, {p .. ':i', idx, p .. ':c', cur + 1, p .. ':p', prev})
        ttl = math.max(ttl, (idx + 2) * W - now)
      else
        ok = false
        remaining = math.max(0, math.floor(L - estimate))
        if cur + 1 <= L and prev > 0 then wait = reset - (L - 1 - cur) * W / prev else wait = reset + W - (L - 1) * W / cur end
      end
    elseif alg == 'gcra' then
      local interval = W / L
      local tat = math.max(tonumber(redis.call('HGET', key, p .. ':t')) or 0, now)
      local nextTat = tat + interval
      if nextTat - now <= W + eps then
        ok = true
        remaining = math.floor((W - (nextTat - now) + eps) / interval)
        reset = nextTat - now
        table.insert(writes, {p .. ':t', nextTat})
        ttl = math.max(ttl, nextTat - now)
      else
        ok = false
        remaining = 0
        reset = tat - now
        wait = nextTat - W - now
      end
    else
      local start = tonumber(ARGV[base + 3 * i])
      local v = redis.call('HMGET', key, p .. ':s', p .. ':c')
      local count = 0
      if tonumber(v[1]) == start then count = tonumber(v[2]) or 0 end
      reset = start + W - now
      if count + 1 <= L then
        ok = true
        remaining = L - count - 1
        table.insert(writes, {p .. ':s', start, p .. ':c', count + 1})
        ttl = math.max(ttl, start + W - now)
      else
        ok = false
        remaining = 0
        wait = reset
      end
    end
    if not ok then
      allowed = false
      retry = math.max(retry, wait, 1)
    end
    table.insert(res, remaining)
    table.insert(res, math.ceil(reset))
    table.insert(oks, ok)
  end
  if allowed then
    for _, w in ipairs(writes) do redis.call('HSET', key, unpack(w)) end
    redis.call('PEXPIRE', key, math.max(1, math.ceil(ttl)))
    retry = 0
  else
    -- a window that would have counted the request but was overruled by another: it did not count it
    for i = 1, n do if oks[i] then res[2 * i - 1] = res[2 * i - 1] + 1 end end
  end
  table.insert(out, allowed and 1 or 0)
  table.insert(out, math.ceil(retry))
  for _, x in ipairs(res) do table.insert(out, x) end
end

local base = 2
for k = 1, #KEYS do
  local n = tonumber(ARGV[base + 1])
  decide(KEYS[k], ARGV[base], n, base + 1)
  base = base + 2 + 3 * n
end
return out
`;
