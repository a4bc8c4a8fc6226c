/**
 * The one script a cluster decision runs (EVALSHA; ioredis reloads it on NOSCRIPT). It is engine.ts's
 * arithmetic in Lua over ONE hash per subject, so one decision is one round trip touching one key (one
 * slot on a Redis Cluster, whatever the windows). Time is Redis's own (TIME) for sliding-window and gcra,
 * so gateways with skewed clocks still agree; fixed periods (quota) come from the caller, with its clock.
 *
 * KEYS[1]  the subject's hash, hash-tagged: {aya:rl:<instance>:<subject>}
 * ARGV     algorithm ('sliding-window' | 'gcra' | 'fixed'), caller's now (ms), then per window: limit, ms, start
 * returns  {allowed 0|1, retryAfterMs, then per window: remaining, resetMs}
 *
 * Fields per window (prefix = algorithm initial + window ms): sliding <p>:i <p>:c <p>:p (window index,
 * current, previous count); gcra <p>:t (theoretical arrival time); fixed <p>:s <p>:c (period start, count).
 * As in engine.ts, a refused request is written nowhere.
 */
export const LIMIT_SCRIPT = `
local alg = ARGV[1]
local now
if alg == 'fixed' then
  now = tonumber(ARGV[2])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local n = (#ARGV - 2) / 3
local eps = 0.001
local allowed = true
local retry = 0
local out = {}
local writes = {}
local oks = {}
local ttl = 0
for i = 1, n do
  local L = tonumber(ARGV[3 * i])
  local W = tonumber(ARGV[3 * i + 1])
  local p = string.sub(alg, 1, 1) .. W
  local ok, remaining, reset, wait
  if alg == 'sliding-window' then
    local idx = math.floor(now / W)
    local elapsed = now - idx * W
    local v = redis.call('HMGET', KEYS[1], p .. ':i', p .. ':c', p .. ':p')
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
    local tat = math.max(tonumber(redis.call('HGET', KEYS[1], p .. ':t')) or 0, now)
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
    local start = tonumber(ARGV[3 * i + 2])
    local v = redis.call('HMGET', KEYS[1], p .. ':s', p .. ':c')
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
  table.insert(out, remaining)
  table.insert(out, math.ceil(reset))
  table.insert(oks, ok)
end
if allowed then
  for _, w in ipairs(writes) do redis.call('HSET', KEYS[1], unpack(w)) end
  redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil(ttl)))
  retry = 0
else
  -- a window that would have counted the request but was overruled by another: it did not count it
  for i = 1, n do if oks[i] then out[2 * i - 1] = out[2 * i - 1] + 1 end end
end
table.insert(out, 1, allowed and 1 or 0)
table.insert(out, 2, math.ceil(retry))
return out
`;
