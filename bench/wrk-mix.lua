-- The wrk script of every HTTP benchmark (bench/load.ts runs it): replays a list of URLs, each with a page type,
-- and times every response per page type. Run with one connection per thread (-t N -c N) so that each thread's
-- request() and response() alternate and a response's time belongs to the request before it.
-- Arguments (after `--`): <paths file of "type<TAB>path" lines> <thread count> <output JSON file>.
-- Thread i takes the lines i, i + N, i + 2N… and cycles through them.
local ffi = require("ffi")
ffi.cdef([[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *ts);
]])
local ts = ffi.new("bench_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

local threads = {}
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local kinds, paths, pos, current, started = {}, {}, 1, nil, 0
-- wrk 4.1 crashes copying tables between threads (thread:get), so each thread keeps its figures in plain globals,
-- named per page type: a latency histogram (h_<type>_<bucket>, buckets 2 % wide), and n_, sum_, bad_ (non-2xx),
-- hit_ (X-Cache: HIT) and bytes_ counters; `kindlist` names the types.
local STEP = math.log(1.02)
kindlist, outfile = "", nil

function init(args)
  local file, n = args[1], tonumber(args[2])
  outfile = args[3]
  local i, seen = 0, {}
  for line in io.lines(file) do
    if i % n == id then
      local tab = line:find("\t", 1, true)
      local kind = line:sub(1, tab - 1)
      table.insert(kinds, kind)
      table.insert(paths, wrk.format("GET", line:sub(tab + 1)))
      if not seen[kind] then
        seen[kind] = true
        kindlist = kindlist == "" and kind or (kindlist .. "," .. kind)
        _G["n_" .. kind], _G["sum_" .. kind], _G["bad_" .. kind], _G["hit_" .. kind], _G["bytes_" .. kind] = 0, 0, 0, 0, 0
      end
    end
    i = i + 1
  end
  if #paths == 0 then
    error("no paths for thread " .. id)
  end
  -- Each thread starts at its own place in its slice, so threads do not walk the same order in step.
  pos = (id * 7919) % #paths + 1
end

function request()
  current = kinds[pos]
  local req = paths[pos]
  pos = pos % #paths + 1
  started = now_us()
  return req
end

local function bump(name, by)
  _G[name] = (_G[name] or 0) + by
end

function response(status, headers, body)
  local kind = current
  if kind == nil then
    return
  end
  current = nil
  local us = now_us() - started
  bump("h_" .. kind .. "_" .. math.floor(math.log(us < 1 and 1 or us) / STEP), 1)
  bump("n_" .. kind, 1)
  bump("sum_" .. kind, us)
  if status < 200 or status > 299 then
    bump("bad_" .. kind, 1)
  end
  local xc = headers["X-Cache"] or headers["x-cache"]
  if xc == "HIT" then
    bump("hit_" .. kind, 1)
  end
  bump("bytes_" .. kind, #body)
end

local MAX_BUCKET = math.floor(math.log(600e6) / STEP)

-- The latency (µs) below which a share p of the histogram's responses fall: its bucket's upper bound.
local function percentile(hist, total, p)
  local want, seen = math.max(1, math.ceil(total * p)), 0
  for b = 0, MAX_BUCKET do
    seen = seen + (hist[b] or 0)
    if seen >= want then
      return math.exp((b + 1) * STEP)
    end
  end
  return 0
end

function done(summary, latency, requests)
  local figures, order, out = {}, {}, nil
  for _, t in ipairs(threads) do
    out = out or t:get("outfile")
    for kind in string.gmatch(t:get("kindlist"), "[^,]+") do
      local f = figures[kind]
      if f == nil then
        f = { hist = {}, n = 0, sum = 0, bad = 0, hit = 0, bytes = 0, max = 0 }
        figures[kind] = f
        table.insert(order, kind)
      end
      for _, k in ipairs({ "n", "sum", "bad", "hit", "bytes" }) do
        f[k] = f[k] + (t:get(k .. "_" .. kind) or 0)
      end
      for b = 0, MAX_BUCKET do
        local c = t:get("h_" .. kind .. "_" .. b)
        if c then
          f.hist[b] = (f.hist[b] or 0) + c
          if b > f.max then
            f.max = b
          end
        end
      end
    end
  end
  local e = summary.errors
  local parts = {}
  for _, kind in ipairs(order) do
    local f = figures[kind]
    parts[#parts + 1] = string.format(
      '"%s":{"requests":%d,"p50":%.1f,"p99":%.1f,"max":%.1f,"mean":%.1f,"non2xx":%d,"hits":%d,"bytes":%d}',
      kind, f.n, percentile(f.hist, f.n, 0.5), percentile(f.hist, f.n, 0.99), math.exp((f.max + 1) * STEP),
      f.n > 0 and f.sum / f.n or 0, f.bad, f.hit, f.bytes
    )
  end
  local json = string.format(
    '{"durationUs":%d,"requests":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,'
      .. '"timeout":%d},"p50":%.1f,"p99":%.1f,"kinds":{%s}}',
    summary.duration, summary.requests, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), table.concat(parts, ",")
  )
  local file = assert(io.open(out, "w"))
  file:write(json)
  file:close()
end
