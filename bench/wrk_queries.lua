-- wrk script: GET /search with the queries of a log file (qid<TAB>text per line), in turn.
-- The file is given in the QUERIES environment variable; PARAMS adds query parameters.
local queries = {}
local params = os.getenv("PARAMS") or ""

local function encode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

for line in io.lines(os.getenv("QUERIES")) do
  local text = line:match("^[^\t]*\t(.*)$")
  if text then queries[#queries + 1] = "/search?q=" .. encode(text) .. params end
end

local counter = 0
function init(args)
  counter = math.random(#queries)
end

function request()
  counter = counter % #queries + 1
  return wrk.format("GET", queries[counter])
end

function done(summary, latency, requests)
  io.write(string.format("errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout))
  io.write(string.format("latency p50 %.2f ms, p99 %.2f ms\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000))
end
