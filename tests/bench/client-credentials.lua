-- wrk script: every request is a client credentials token request (§2) with the credentials
-- passed in the environment (BENCH_CLIENT_ID, BENCH_CLIENT_SECRET) by token-endpoint.sh and run.sh.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=client_credentials&client_id=" .. os.getenv("BENCH_CLIENT_ID") ..
           "&client_secret=" .. os.getenv("BENCH_CLIENT_SECRET")

-- Counts 200 answers and the others, so a window that "goes fast" by failing shows as such.
-- response() runs in each thread's own Lua state and done() in another, so the counts are read
-- back from every thread (thread:get), not from done()'s own globals.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  ok, refused = 0, 0
end
function response(status, headers, body)
  if status == 200 then ok = ok + 1 else refused = refused + 1 end
end
function done(summary, latency, requests)
  local allOk, allRefused = 0, 0
  for _, thread in ipairs(threads) do
    allOk = allOk + thread:get("ok")
    allRefused = allRefused + thread:get("refused")
  end
  io.write(string.format("refused %d\nok %d\n", allRefused, allOk))
end
