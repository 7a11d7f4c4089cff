-- wrk script: every request is a path picked at random from a URL file.
--
--   wrk -t2 -c64 -d30s --latency -s load/catalog-mix.lua http://127.0.0.1:8080 -- var/urls.txt
--   wrk -t64 -c64 -d30s --latency -s load/catalog-mix.lua http://127.0.0.1:8080 -- urls.txt cookies.txt
--
-- The URL file (argument after "--", or the CATALOG_URLS environment variable) has one request
-- per line: "kind<TAB>/path?query" or just "/path?query" (kind "other"). Blank lines and lines
-- starting with "#" are skipped. Each wrk thread seeds its own random generator (thread number,
-- time and clock mixed; CATALOG_MIX_SEED makes the picks repeatable). Responses outside 200..299
-- are counted per thread and reported in done(), with requests per kind.
-- An optional second file has one visitor per line (a signed-in shopper each): its Cookie header
-- value, or a URL file of its own, a tab, and the Cookie header value. Thread N is the visitor of
-- line N (from the start again when there are fewer lines than threads): it sends those cookies
-- with every request and picks from its own URL file when the line names one, so with as many
-- threads as connections each connection is one visitor.
-- CATALOG_MIX_ACCEPT sets the Accept header (default application/json; text/html for pages).
-- CATALOG_MIX_DEBUG=1 also prints each thread's seed and first picks.

wrk.headers["Accept"] = os.getenv("CATALOG_MIX_ACCEPT") or "application/json"

local threads = {}

local function load(file)
  local kinds, paths = {}, {}
  local f, err = io.open(file, "r")
  if not f then
    error("catalog-mix: cannot read URL file " .. tostring(file) .. ": " .. tostring(err))
  end
  for line in f:lines() do
    line = line:gsub("\r$", "")
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local kind, path = line:match("^([^\t]+)\t(.+)$")
      if not kind then
        kind, path = "other", line
      end
      kinds[#kinds + 1] = kind
      paths[#paths + 1] = path
    end
  end
  f:close()
  if #paths == 0 then
    error("catalog-mix: no URLs in " .. file)
  end
  return kinds, paths
end

local function cookie_line(file, id)
  local lines = {}
  local f, err = io.open(file, "r")
  if not f then
    error("catalog-mix: cannot read cookie file " .. tostring(file) .. ": " .. tostring(err))
  end
  for line in f:lines() do
    line = line:gsub("\r$", "")
    if line ~= "" and line:sub(1, 1) ~= "#" then
      lines[#lines + 1] = line
    end
  end
  f:close()
  if #lines == 0 then
    error("catalog-mix: no cookies in " .. file)
  end
  return lines[((id - 1) % #lines) + 1]
end

-- runs in the main Lua state once per thread, before the threads start
function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_id", #threads)
end

-- runs in each thread's own Lua state
function init(args)
  local file = args[1] or os.getenv("CATALOG_URLS")
  if not file then
    error("catalog-mix: pass the URL file after '--' or set CATALOG_URLS")
  end
  local id = thread_id or 0
  cookie = nil
  if args[2] then
    local line = cookie_line(args[2], math.max(id, 1))
    local own, value = line:match("^([^\t]+)\t(.+)$")
    if own then
      file, line = own, value
    end
    cookie = line
    wrk.headers["Cookie"] = cookie
  end
  url_file = file
  url_kinds, paths = load(file)
  requests_ = {}
  for i = 1, #paths do
    requests_[i] = wrk.format(nil, paths[i])
  end
  local fixed = tonumber(os.getenv("CATALOG_MIX_SEED") or "")
  if fixed then
    seed = fixed + id * 7919
  else
    seed = (os.time() * 1000 + math.floor(os.clock() * 1000000) + id * 1000003) % 2147483647
  end
  math.randomseed(seed)
  math.random(); math.random(); math.random() -- let the first picks move away from the seed
  sent = {}        -- requests sent per kind
  non2xx = 0       -- responses outside 200..299
  statuses = {}    -- responses per status code
  first_picks = {}
end

function request()
  local i = math.random(#paths)
  local kind = url_kinds[i]
  sent[kind] = (sent[kind] or 0) + 1
  if #first_picks < 5 then
    first_picks[#first_picks + 1] = i
  end
  return requests_[i]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

-- runs in the main Lua state after all threads stopped
function done(summary, latency, requests)
  local total_non2xx, by_kind, by_status = 0, {}, {}
  for i, thread in ipairs(threads) do
    total_non2xx = total_non2xx + (thread:get("non2xx") or 0)
    for kind, n in pairs(thread:get("sent") or {}) do
      by_kind[kind] = (by_kind[kind] or 0) + n
    end
    for status, n in pairs(thread:get("statuses") or {}) do
      by_status[status] = (by_status[status] or 0) + n
    end
    if os.getenv("CATALOG_MIX_DEBUG") == "1" then
      local picks = {}
      for _, p in ipairs(thread:get("first_picks") or {}) do
        picks[#picks + 1] = tostring(p)
      end
      io.write(string.format("catalog-mix: thread %d seed %s urls %d (%s) first picks %s%s\n", i,
        tostring(thread:get("seed")), #(thread:get("paths") or {}), tostring(thread:get("url_file")),
        table.concat(picks, ","), thread:get("cookie") and (" cookie " .. thread:get("cookie")) or ""))
    end
  end
  local function joined(t)
    local keys, parts = {}, {}
    for k in pairs(t) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
    for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. "=" .. tostring(t[k]) end
    return table.concat(parts, " ")
  end
  io.write("catalog-mix: requests " .. joined(by_kind) .. "\n")
  io.write("catalog-mix: statuses " .. joined(by_status) .. "\n")
  io.write(string.format("catalog-mix: non-2xx responses: %d\n", total_non2xx))
end
