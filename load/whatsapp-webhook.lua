-- wrk script: Meta's deliveries to the WhatsApp webhook, signed beforehand.
--
--   wrk -t2 -c32 -d30s --latency -s load/whatsapp-webhook.lua http://127.0.0.1:8080 -- deliveries.txt 2
--
-- The deliveries file (written by `load/whatsapp_bench.py deliveries`) has one delivery per line:
-- "<hex HMAC-SHA256 of the body with the app secret><TAB><body>", each with one new message id.
-- Thread n of N (N, the thread count, is the second argument) sends lines n, n+N, n+2N, … as POST /webhook/whatsapp with X-Hub-Signature-256; a
-- thread that runs out of lines starts over (repeats, which the shop answers without recording).
-- Answers other than 200 are counted and reported in done().

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_index", #threads)
end

function init(args)
  local file, total = args[1], tonumber(args[2])
  if not file or not total then
    error("whatsapp-webhook: arguments DELIVERIES_FILE THREADS are required")
  end
  thread_total = total
  lines = {}
  local n = 0
  local count = 0
  for line in io.lines(file) do
    n = n + 1
    if (n - thread_index) % thread_total == 0 then -- 1-based: thread 1 takes lines 1, 1+N, …
      local tab = string.find(line, "\t", 1, true)
      count = count + 1
      lines[count] = { "sha256=" .. string.sub(line, 1, tab - 1), string.sub(line, tab + 1) }
    end
  end
  if count == 0 then
    error("whatsapp-webhook: no deliveries for thread " .. thread_index)
  end
  next_line = 0
  refused = 0
  wrapped = 0
end

function request()
  next_line = next_line + 1
  if next_line > #lines then
    next_line = 1
    wrapped = wrapped + 1
  end
  local delivery = lines[next_line]
  return wrk.format("POST", "/webhook/whatsapp",
    { ["Content-Type"] = "application/json", ["X-Hub-Signature-256"] = delivery[1] }, delivery[2])
end

function response(status, headers, body)
  if status ~= 200 then
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local total_refused, total_wrapped = 0, 0
  for _, thread in ipairs(threads) do
    total_refused = total_refused + (thread:get("refused") or 0)
    total_wrapped = total_wrapped + (thread:get("wrapped") or 0)
  end
  io.write(string.format("whatsapp-webhook: not accepted: %d\n", total_refused))
  io.write(string.format("whatsapp-webhook: wrapped: %d\n", total_wrapped))
  io.write(string.format("whatsapp-webhook: p95: %.2f ms\n", latency:percentile(95) / 1000))
end
