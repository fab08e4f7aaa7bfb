-- wrk script: streamed completions of 128 tokens; counts completion tokens from the usage chunk
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model": "m", "prompt": "Once upon a time", "max_tokens": 128, "temperature": 0, "stream": true, "stream_options": {"include_usage": true}}'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) tokens = 0; misses = 0 end
function response(status, headers, body)
  local n = nil
  for m in string.gmatch(body, '"completion_tokens":%s*(%d+)') do n = tonumber(m) end
  if n then tokens = tokens + n else misses = misses + 1 end
end
function done(summary, latency, requests)
  local t, m = 0, 0
  for _, th in ipairs(threads) do t = t + th:get("tokens"); m = m + th:get("misses") end
  io.write(string.format("TOKENS %d in %.2f s = %.0f tok/s (%d requests, %d without usage)\n", t, summary.duration / 1e6, t / (summary.duration / 1e6), summary.requests, m))
end
