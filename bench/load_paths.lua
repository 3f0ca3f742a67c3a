-- wrk script for bench/load.sh's hostile mode: GET every path of the file $PATHS (one percent-encoded path a line,
-- from bench/load_mix.py) round-robin, and count the answers by status code. Prints one machine-readable line
-- (`result: key=value ...`) and the status counts.

local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  if line ~= "" then paths[#paths + 1] = wrk.format("GET", line) end
end

local threads = {}
local counter = 0
function setup(thread)
  thread:set("offset", counter)
  counter = counter + 5
  threads[#threads + 1] = thread
end

local n = 0
statuses = {}
function request()
  n = n + 1
  return paths[((n + (offset or 0)) % #paths) + 1]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local e = summary.errors
  local non2xx = 0
  local codes = {}
  for _, t in ipairs(threads) do
    for code, count in pairs(t:get("statuses")) do
      codes[code] = (codes[code] or 0) + count
      if code < 200 or code > 299 then non2xx = non2xx + count end
    end
  end
  local list = {}
  for code, count in pairs(codes) do list[#list + 1] = string.format("%d:%d", code, count) end
  table.sort(list)
  io.write(string.format("result: requests=%d seconds=%.1f rps=%.2f p50=%.1f p90=%.1f p99=%.1f max=%.1f " ..
    "non2xx=%d connect=%d read=%d write=%d timeout=%d statuses=%s\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, non2xx, e.connect, e.read, e.write, e.timeout, table.concat(list, ",")))
end
