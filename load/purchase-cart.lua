-- wrk script: add-to-cart writes of many anonymous shoppers prepared beforehand.
--
--   wrk -t2 -c32 -d30s --latency -s load/purchase-cart.lua http://127.0.0.1:8080 -- shoppers.txt
--
-- The shoppers file (written by `load/purchase_bench.py prepare`) has one shopper per line:
-- "xsrf_token<TAB>cart_token<TAB>variant_id,variant_id,...". Every request is
-- POST /api/v1/cart {"variant_id": ..., "quantity": 1..10} of a shopper picked at random, with its
-- cookies (XSRF-TOKEN, DUKKAN_CART) and the X-XSRF-TOKEN header: an idempotent upsert of one line
-- of a variant picked from the shopper's own few variants (so no cart outgrows its line limit).
-- Each thread seeds its own random generator (PURCHASE_SEED makes the picks repeatable).
-- Responses outside 200..299 are counted and reported in done(), per status.

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_id", #threads)
end

local function split(text, sep)
  local out = {}
  for part in string.gmatch(text, "[^" .. sep .. "]+") do
    out[#out + 1] = part
  end
  return out
end

function init(args)
  local file = args[1] or os.getenv("PURCHASE_SHOPPERS")
  if not file then
    error("purchase-cart: pass the shoppers file after '--' or set PURCHASE_SHOPPERS")
  end
  local f, err = io.open(file, "r")
  if not f then
    error("purchase-cart: cannot read " .. tostring(file) .. ": " .. tostring(err))
  end
  shoppers = {}
  for line in f:lines() do
    line = line:gsub("\r$", "")
    if line ~= "" and line:sub(1, 1) ~= "#" then
      local xsrf, cart, variants = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)$")
      if not xsrf then
        error("purchase-cart: bad line in " .. file .. ": " .. line)
      end
      shoppers[#shoppers + 1] = {
        headers = {
          ["Content-Type"] = "application/json",
          ["Accept"] = "application/json",
          ["X-XSRF-TOKEN"] = xsrf,
          ["Cookie"] = "XSRF-TOKEN=" .. xsrf .. "; DUKKAN_CART=" .. cart,
        },
        variants = split(variants, ","),
      }
    end
  end
  f:close()
  if #shoppers == 0 then
    error("purchase-cart: no shoppers in " .. file)
  end
  local id = thread_id or 0
  local fixed = tonumber(os.getenv("PURCHASE_SEED") or "")
  if fixed then
    seed = fixed + id * 7919
  else
    seed = (os.time() * 1000 + math.floor(os.clock() * 1000000) + id * 1000003) % 2147483647
  end
  math.randomseed(seed)
  math.random(); math.random(); math.random()
  non2xx = 0
  statuses = {}
end

function request()
  local shopper = shoppers[math.random(#shoppers)]
  local variant = shopper.variants[math.random(#shopper.variants)]
  local body = '{"variant_id":"' .. variant .. '","quantity":' .. math.random(10) .. '}'
  return wrk.format("POST", "/api/v1/cart", shopper.headers, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local total, by_status = 0, {}
  for _, thread in ipairs(threads) do
    total = total + (thread:get("non2xx") or 0)
    for status, n in pairs(thread:get("statuses") or {}) do
      by_status[status] = (by_status[status] or 0) + n
    end
  end
  local keys, parts = {}, {}
  for k in pairs(by_status) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. "=" .. tostring(by_status[k]) end
  io.write("purchase-cart: statuses " .. table.concat(parts, " ") .. "\n")
  io.write(string.format("purchase-cart: non-2xx responses: %d\n", total))
end
