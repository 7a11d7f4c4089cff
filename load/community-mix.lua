-- wrk script: signed-in members reading their feed, posting and liking, 50 / 30 / 20.
--
--   wrk -t2 -c1000 -d5m --timeout 10s -s load/community-mix.lua http://127.0.0.1:8080 -- \
--       sessions.txt posts.txt 2
--
-- Arguments after "--": the sessions file (one signed-in member per line: the Cookie header value,
-- a tab, the CSRF token for the X-XSRF-TOKEN header), the posts file (one post id per line: what
-- the members like) and the number of wrk threads (-t). Thread t of T takes the members on lines
-- t, t+T, t+2T, ... and sends each request as the next of its members in turn, so that with as
-- many members as connections every member has about one request in flight at a time (wrk keeps
-- Lua state per thread, not per connection: a connection is not tied to one member).
--
-- With COMMUNITY_MIX_THINK_MS=N in the environment (default 0: a closed loop, every connection
-- sends its next request as soon as the last one is answered) each connection waits 0.5 to 1.5
-- times N ms before its next request (wrk's delay hook), as people reading what they got would:
-- 1,000 connections are then 1,000 users at about 1,000 / (think + latency) requests per second
-- rather than 1,000 requests always in flight.
--
-- Every request carries the member's X-Forwarded-For address (10.x.y.z from its line number).
--
-- Each member's requests follow a fixed cycle of ten, every member from another place of it:
-- 5 x GET /api/v1/feed?limit=20, 3 x POST /api/v1/posts (a new text each time), 2 x PUT
-- /api/v1/posts/{id}/like. (One cycle for the whole thread would give each member always the same
-- kind whenever the thread's member count is a multiple of ten.) Member g (0-based line) likes on its
-- m-th like the post on line 1 + (g + m * members) mod posts: distinct posts for every like of
-- every member as long as the file holds more than members * likes-per-member ids.
--
-- done() prints requests per kind, responses per status, "community-mix: non-2xx responses: N" and
-- the latency percentiles of every request (wrk's own histogram; --latency shows no p95).

local threads = {}

local CYCLE = { "feed", "post", "feed", "like", "feed", "post", "feed", "like", "feed", "post" }
local TEXTS = {
  "Fresh coffee and a good book this morning.",
  "Neue Laufschuhe ausprobiert, sehr bequem!",
  "أجمل ما في السوق اليوم: الزيتون الطازج.",
  "Which lamp would you pick for a reading corner?",
}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_id", #threads)
end

local function lines_of(file, what)
  local out = {}
  local f, err = io.open(file or "", "r")
  if not f then
    error("community-mix: cannot read the " .. what .. " file " .. tostring(file) .. ": " .. tostring(err))
  end
  for line in f:lines() do
    line = line:gsub("\r$", "")
    if line ~= "" and line:sub(1, 1) ~= "#" then
      out[#out + 1] = line
    end
  end
  f:close()
  if #out == 0 then
    error("community-mix: no lines in the " .. what .. " file " .. file)
  end
  return out
end

function init(args)
  local id = thread_id or 1
  local count = tonumber(args[3] or "")
  if not count or count < 1 then
    error("community-mix: pass the sessions file, the posts file and the number of threads after '--'")
  end
  local all = lines_of(args[1], "sessions")
  posts = lines_of(args[2], "posts")
  members_total = #all
  members = {}
  for g = id, #all, count do
    local cookie, xsrf = all[g]:match("^([^\t]+)\t(.+)$")
    if not cookie then
      error("community-mix: line " .. g .. " of the sessions file is not 'cookie<TAB>token'")
    end
    -- each member writes from an address of its own, 10.x.y.z (the shop trusts X-Forwarded-For from
    -- 127.0.0.1 with server.forward-headers-strategy=native), as a thousand people would
    local address = string.format("10.%d.%d.%d", math.floor(g / 65536) % 256, math.floor(g / 256) % 256, g % 256)
    -- each member goes through the cycle of ten on its own, from a place of its own
    members[#members + 1] = { cookie = cookie, xsrf = xsrf, address = address, g = g - 1, likes = 0,
      step = (g - 1) % #CYCLE }
  end
  if #members == 0 then
    error("community-mix: thread " .. id .. " has no member (fewer sessions than threads)")
  end
  math.randomseed(id * 7919 + os.time())
  turn = 0
  sent = {}        -- requests per kind
  statuses = {}    -- responses per status
  non2xx = 0
  posted = 0
end

function request()
  turn = turn % #members + 1
  local m = members[turn]
  m.step = m.step % #CYCLE + 1
  local kind = CYCLE[m.step]
  sent[kind] = (sent[kind] or 0) + 1
  local headers = { ["Cookie"] = m.cookie, ["Accept"] = "application/json", ["X-Forwarded-For"] = m.address }
  if kind == "feed" then
    return wrk.format("GET", "/api/v1/feed?limit=20", headers)
  end
  headers["X-XSRF-TOKEN"] = m.xsrf
  if kind == "post" then
    posted = posted + 1
    headers["Content-Type"] = "application/json"
    local body = string.format('{"text":"%s (%d-%d)"}', TEXTS[posted % #TEXTS + 1], thread_id or 1, posted)
    return wrk.format("POST", "/api/v1/posts", headers, body)
  end
  local post = posts[(m.g + m.likes * members_total) % #posts + 1]
  m.likes = m.likes + 1
  return wrk.format("PUT", "/api/v1/posts/" .. post .. "/like", headers)
end

-- wrk looks for delay() once, before the threads start: defined only when the members think
local think = tonumber(os.getenv("COMMUNITY_MIX_THINK_MS") or "0") or 0
if think > 0 then
  function delay()
    return math.floor(think * (0.5 + math.random()))
  end
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local total_non2xx, by_kind, by_status = 0, {}, {}
  for _, thread in ipairs(threads) do
    total_non2xx = total_non2xx + (thread:get("non2xx") or 0)
    for kind, n in pairs(thread:get("sent") or {}) do
      by_kind[kind] = (by_kind[kind] or 0) + n
    end
    for status, n in pairs(thread:get("statuses") or {}) do
      by_status[status] = (by_status[status] or 0) + n
    end
  end
  local function joined(t)
    local keys, parts = {}, {}
    for k in pairs(t) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. "=" .. tostring(t[k]) end
    return table.concat(parts, " ")
  end
  io.write("community-mix: requests " .. joined(by_kind) .. "\n")
  io.write("community-mix: statuses " .. joined(by_status) .. "\n")
  io.write(string.format("community-mix: non-2xx responses: %d\n", total_non2xx))
  io.write(string.format("community-mix: latency ms p50=%.2f p90=%.2f p95=%.2f p99=%.2f max=%.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
