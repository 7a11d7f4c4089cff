-- wrk script: closed-loop guest purchases, one virtual shopper per wrk connection.
--
--   wrk -t16 -c16 -d60s -s load/purchase-flow.lua http://127.0.0.1:8080 -- variants.txt [lines] [poll_ms]
--
-- wrk keeps Lua state per thread, not per connection, so the number of threads must equal the
-- number of connections (-tN -cN): each thread is then one shopper whose requests strictly
-- alternate with its responses. (A second connection in a thread is detected: "overlaps" in done().)
--
-- Each shopper fetches a CSRF token once (GET /api/v1/auth/csrf), then buys again and again as a
-- new guest (a fresh cart each time):
--   cart     POST /api/v1/cart {"variant_id", "quantity": 1..3}, `lines` times with distinct
--            variants (default 1); the first answer sets the DUKKAN_CART cookie
--   init     POST /api/v1/checkout/init {address, email}            -> 201, draft id
--   intent   POST /api/v1/payments/intent {"draft_id"}               -> 201, client_secret
--   confirm  POST /api/v1/payments/test/confirm {client_secret, 4242...} -> 200 "succeeded"
--            (the built-in test provider signs the event and hands it to the webhook intake)
--   poll     GET /api/v1/orders/draft/{id} every `poll_ms` (default 20) until "status":"paid"
-- The variants file has one variant id per line (variants with ample stock).
--
-- done() prints, for the run: paid orders, per-step latency percentiles (ms, measured from the
-- request's creation to its response, with a monotonic clock), "paid" (confirm answered -> paid
-- seen), "order" (first cart write -> paid seen), and every unexpected answer per step and status.
-- An unexpected answer abandons that purchase; the shopper starts a new one.

local ffi = require("ffi")
ffi.cdef([[
  typedef struct { long tv_sec; long tv_nsec; } purchase_timespec;
  int clock_gettime(int clock_id, purchase_timespec *tp);
  int usleep(unsigned int usec);
]])
local CLOCK_MONOTONIC = 1
local ts = ffi.new("purchase_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1000000
end

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_id", #threads)
end

local ADDRESS = '{"address":{"name":"Bench Shopper","line1":"Teststrasse 1","city":"Berlin",'
  .. '"postal_code":"10115","country":"DE"},"email":"guest%d@example.com"}'
local POLL_TIMEOUT_MS = 30000

function init(args)
  local file = args[1] or os.getenv("PURCHASE_VARIANTS")
  if not file then
    error("purchase-flow: pass the variants file after '--' or set PURCHASE_VARIANTS")
  end
  variants = {}
  for line in io.lines(file) do
    line = line:gsub("%s+$", "")
    if line ~= "" and line:sub(1, 1) ~= "#" then
      variants[#variants + 1] = line
    end
  end
  if #variants == 0 then
    error("purchase-flow: no variants in " .. file)
  end
  lines_per_order = tonumber(args[2] or "") or 1
  poll_ms = tonumber(args[3] or "") or 20
  local id = thread_id or 0
  local fixed = tonumber(os.getenv("PURCHASE_SEED") or "")
  math.randomseed(fixed and (fixed + id * 7919) or ((os.time() * 1000 + id * 1000003) % 2147483647))
  math.random(); math.random(); math.random()

  -- one flat array per step: wrk cannot copy nested tables between Lua states (it crashes)
  lat_csrf, lat_cart, lat_init, lat_intent, lat_confirm, lat_poll, lat_paid, lat_order = {}, {}, {}, {}, {}, {}, {}, {}
  errors = {}       -- "step status" -> count
  unexpected = 0    -- answers that were not the expected ones
  overlaps = 0      -- request() while a request was outstanding (more connections than threads)
  paid_orders = 0
  started_orders = 0
  polls = 0
  answered = 0

  xsrf = nil
  step = "csrf"
  pending = false
  wait_ms = 0
end

local function new_purchase()
  cart = nil
  draft = nil
  secret = nil
  line_no = 0
  order_start = nil
  step = "cart"
end

local function fail(status)
  local key = step .. " " .. tostring(status)
  errors[key] = (errors[key] or 0) + 1
  unexpected = unexpected + 1
  wait_ms = 0
  if xsrf then new_purchase() else step = "csrf" end
end

local function headers()
  local cookie = "XSRF-TOKEN=" .. xsrf
  if cart then cookie = cookie .. "; DUKKAN_CART=" .. cart end
  return {
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
    ["X-XSRF-TOKEN"] = xsrf,
    ["Cookie"] = cookie,
  }
end

local function cookie_of(response_headers, name)
  for key, value in pairs(response_headers) do
    if key:lower() == "set-cookie" then
      local found = value:match(name .. "=([^;]*)")
      if found and found ~= "" then return found end
    end
  end
  return nil
end

-- The pause before a poll blocks this wrk thread, which serves this one shopper only. (wrk's own
-- delay() hook is not used: wrk 4.1 crashes when a delayed connection is reconnected, e.g. after
-- the server's keep-alive limit.)
local function pause()
  if wait_ms > 0 then
    ffi.C.usleep(wait_ms * 1000)
    wait_ms = 0
  end
end

function request()
  pause()
  -- wrk calls request() once in the first thread to check the script before any connection: that
  -- call is not a shopper's request
  if pending and answered > 0 then
    overlaps = overlaps + 1
    io.stderr:write(string.format("purchase-flow: shopper %d: a new request at step %s before the answer\n",
      thread_id or 0, step))
  end
  pending = true
  sent_at = now_ms()
  if step == "csrf" then
    return wrk.format("GET", "/api/v1/auth/csrf", { ["Accept"] = "application/json" })
  elseif step == "cart" then
    if line_no == 0 then
      order_start = sent_at
      started_orders = started_orders + 1
    end
    -- distinct variants for the lines of one order
    local i = (math.random(#variants) + line_no) % #variants + 1
    local body = '{"variant_id":"' .. variants[i] .. '","quantity":' .. math.random(3) .. '}'
    return wrk.format("POST", "/api/v1/cart", headers(), body)
  elseif step == "init" then
    return wrk.format("POST", "/api/v1/checkout/init", headers(), string.format(ADDRESS, math.random(100000)))
  elseif step == "intent" then
    return wrk.format("POST", "/api/v1/payments/intent", headers(), '{"draft_id":"' .. draft .. '"}')
  elseif step == "confirm" then
    return wrk.format("POST", "/api/v1/payments/test/confirm", headers(),
      '{"client_secret":"' .. secret .. '","card_number":"4242424242424242"}')
  else -- poll
    polls = polls + 1
    local h = headers()
    h["Content-Type"] = nil
    return wrk.format("GET", "/api/v1/orders/draft/" .. draft, h)
  end
end

function response(status, response_headers, body)
  pending = false
  answered = answered + 1
  local t = now_ms()
  local took = t - sent_at
  if step == "csrf" then
    xsrf = status == 200 and cookie_of(response_headers, "XSRF%-TOKEN") or nil
    if not xsrf then return fail(status) end
    table.insert(lat_csrf, took)
    new_purchase()
  elseif step == "cart" then
    if status ~= 200 then return fail(status) end
    cart = cart or cookie_of(response_headers, "DUKKAN_CART")
    if not cart then return fail("no-cookie") end
    table.insert(lat_cart, took)
    line_no = line_no + 1
    if line_no >= lines_per_order then step = "init" end
  elseif step == "init" then
    draft = status == 201 and body:match('^%s*{"id":"([^"]+)"') or nil
    if not draft then return fail(status) end
    table.insert(lat_init, took)
    step = "intent"
  elseif step == "intent" then
    secret = status == 201 and body:match('"client_secret":"([^"]+)"') or nil
    if not secret then return fail(status) end
    table.insert(lat_intent, took)
    step = "confirm"
  elseif step == "confirm" then
    if status ~= 200 or not body:find('"status":"succeeded"', 1, true) then return fail(status) end
    table.insert(lat_confirm, took)
    confirmed_at = t
    step = "poll"
    wait_ms = poll_ms
  else -- poll
    local state = status == 200 and body:match('^%s*{"id":"[^"]+","status":"([^"]+)"') or nil
    if not state then return fail(status) end
    table.insert(lat_poll, took)
    if state == "paid" then
      paid_orders = paid_orders + 1
      table.insert(lat_paid, t - confirmed_at)
      table.insert(lat_order, t - order_start)
      new_purchase()
    elseif state ~= "awaiting_payment" then
      return fail(state)
    elseif t - confirmed_at > POLL_TIMEOUT_MS then
      return fail("not-paid-after-30s")
    else
      wait_ms = poll_ms
    end
  end
end

local STEPS = { "csrf", "cart", "init", "intent", "confirm", "poll", "paid", "order" }

function done(summary, latency, requests)
  local all = {}
  for _, name in ipairs(STEPS) do all[name] = {} end
  local errs, totals = {}, { paid = 0, started = 0, unexpected = 0, overlaps = 0, polls = 0 }
  for _, thread in ipairs(threads) do
    for _, name in ipairs(STEPS) do
      for _, v in ipairs(thread:get("lat_" .. name) or {}) do table.insert(all[name], v) end
    end
    for k, n in pairs(thread:get("errors") or {}) do errs[k] = (errs[k] or 0) + n end
    totals.paid = totals.paid + (thread:get("paid_orders") or 0)
    totals.started = totals.started + (thread:get("started_orders") or 0)
    totals.unexpected = totals.unexpected + (thread:get("unexpected") or 0)
    totals.overlaps = totals.overlaps + (thread:get("overlaps") or 0)
    totals.polls = totals.polls + (thread:get("polls") or 0)
  end
  local seconds = summary.duration / 1000000
  io.write(string.format("purchase-flow: shoppers %d duration_s %.3f\n", #threads, seconds))
  io.write(string.format("purchase-flow: orders paid %d started %d orders/s %.1f polls %d\n",
    totals.paid, totals.started, totals.paid / seconds, totals.polls))
  local function pct(sorted, q)
    if #sorted == 0 then return -1 end
    local rank = math.max(1, math.ceil(q * #sorted))
    return sorted[rank]
  end
  for _, name in ipairs(STEPS) do
    local v = all[name]
    table.sort(v)
    local sum = 0
    for _, x in ipairs(v) do sum = sum + x end
    io.write(string.format("purchase-flow: step %s n=%d p50=%.2f p95=%.2f p99=%.2f max=%.2f mean=%.2f\n",
      name, #v, pct(v, 0.50), pct(v, 0.95), pct(v, 0.99), v[#v] or -1, #v > 0 and sum / #v or -1))
  end
  local keys, parts = {}, {}
  for k in pairs(errs) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do parts[#parts + 1] = k:gsub(" ", ":") .. "=" .. errs[k] end
  io.write("purchase-flow: errors " .. (#parts > 0 and table.concat(parts, " ") or "none") .. "\n")
  io.write(string.format("purchase-flow: unexpected responses: %d overlaps: %d\n", totals.unexpected, totals.overlaps))
end
