-- wrk script for bench/load.sh: a mix of page, article and API requests, round-robin over the connections.
-- Persian words are percent-encoded here; every URL must answer 200 (any other status counts as an error).

local function enc(s)
  return (s:gsub("[^%w%-_%.~=&/?]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local paths = {
  "/",
  "/?q=ایران",
  "/?q=لاریجانی",
  "/?q=هسته‌ای&sort=newest",
  "/?q=ایران&country=US",
  "/?q=ایران&year=1387",
  "/?year=1392&month=1392-03",
  "/?q=تهران&page=2",
  "/?q=\"انرژی هسته‌ای\"",
  "/?q=لاریجنی",
  "/?q=سوریه OR عراق&sort=oldest",
  "/article/demo-001?q=لاریجانی",
  "/article/demo-021",
  "/api/search?q=روحانی",
  "/api/search?q=ایران&country=SY&per_page=20",
  "/api/search?from=1390/01/01&to=1395/12/29&sort=newest",
  "/api/articles/demo-010",
  "/api/facets/person?prefix=ع",
  "/static/bayegan.css",
}

local requests = {}
for i, p in ipairs(paths) do requests[i] = wrk.format("GET", enc(p)) end

local counter = 0
function setup(thread)
  thread:set("offset", counter)
  counter = counter + 7
end

local n = 0
function request()
  n = n + 1
  return requests[((n + (offset or 0)) % #requests) + 1]
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + e.status
  io.write(string.format("requests: %d in %.1f s\n", summary.requests, summary.duration / 1e6))
  io.write(string.format("requests/s: %.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50: %.1f ms  p90: %.1f ms  p99: %.1f ms  max: %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors: %d (connect %d, read %d, write %d, timeout %d, non-2xx status %d)\n",
    errors, e.connect, e.read, e.write, e.timeout, e.status))
end
