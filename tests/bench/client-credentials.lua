-- wrk script: every request is a client credentials token request (§2) with the demo app's
-- credentials, which token-endpoint.sh passes in the environment.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=client_credentials&client_id=" .. os.getenv("BENCH_CLIENT_ID") ..
           "&client_secret=" .. os.getenv("BENCH_CLIENT_SECRET")

-- Counts answers that are not 200, so a window that "goes fast" by failing shows as such.
local refused = 0
function response(status, headers, body)
  if status ~= 200 then refused = refused + 1 end
end
function done(summary, latency, requests)
  io.write(string.format("refused %d\n", refused))
end
