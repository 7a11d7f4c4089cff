-- wrk script: triggers a workflow with an API key, each request a new payload.
--
--   wrk -t2 -c64 -d30s --latency -s load/automation-trigger.lua http://127.0.0.1:8080 -- KEY WORKFLOW
--
-- Every request is POST /api/v1/triggers/WORKFLOW with "Authorization: Bearer KEY" and the body
-- {"n": <counter>, "email": "bench-<counter>@example.com"}. Answers other than 202 are counted per
-- thread and reported in done().

local threads = {}
local key, workflow

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  key, workflow = args[1], args[2]
  if not key or not workflow then
    error("automation-trigger: arguments KEY WORKFLOW are required")
  end
  wrk.method = "POST"
  wrk.path = "/api/v1/triggers/" .. workflow
  wrk.headers["Authorization"] = "Bearer " .. key
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
  counter = 0
  refused = 0
  thread_id = math.random(1, 1000000)
end

function request()
  counter = counter + 1
  local n = thread_id * 10000000 + counter
  return wrk.format(nil, nil, nil, '{"n": ' .. n .. ', "email": "bench-' .. n .. '@example.com"}')
end

function response(status, headers, body)
  if status ~= 202 then
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("refused")
  end
  io.write(string.format("automation-trigger: not accepted: %d\n", total))
end
