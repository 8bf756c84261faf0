-- wrk script: GET /search with the queries of a log file (qid<TAB>text per line, file in the
-- QUERIES environment variable), in turn. PARAMS adds query parameters to every request; with
-- MIXED=1 each request instead gets one of several shapes in turn, so the load mixes plain top-10
-- searches with snippets, facets, date sorts, collapsing, deeper pages and freshness (the soak).
local queries = {}
local params = os.getenv("PARAMS") or ""
local shapes = { params }
if os.getenv("MIXED") == "1" then
  shapes = {
    "&snippet=0",
    "&snippet=200",
    "&facets=source,tag,lang,month,year&snippet=0",
    "&sort=newest&snippet=100",
    "&collapse=story&snippet=100",
    "&page=3&size=20&snippet=0",
    "&fresh=30d&snippet=0",
    "&match=all&snippet=150",
  }
end
-- HEAVY=1 adds the most expensive request a client can make within the limits (every facet,
-- collapsing, 100 hits with snippets) and a wildcard bomb that the limits must refuse cheaply.
local bomb = nil
if os.getenv("HEAVY") == "1" then
  shapes[#shapes + 1] = "&facets=source,tag,lang,month,year&collapse=story&size=100&snippet=300"
  local prefixes = {}
  for a = string.byte("a"), string.byte("z") do
    for b = string.byte("a"), string.byte("t") do prefixes[#prefixes + 1] = string.char(a, b) .. "*" end
  end
  bomb = "/search?q=" .. table.concat(prefixes, "+") .. "&facets=source,tag,lang,month,year&collapse=story&size=100"
end

local function encode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

for line in io.lines(os.getenv("QUERIES")) do
  local text = line:match("^[^\t]*\t(.*)$")
  if text then queries[#queries + 1] = "/search?q=" .. encode(text) end
end

local counter = 0
function init(args)
  counter = math.random(#queries * #shapes)
end

function request()
  counter = counter + 1
  if bomb and counter % 50 == 0 then return wrk.format("GET", bomb) end
  local query = queries[counter % #queries + 1]
  -- Shifted by one shape on each pass over the log, so every query meets every shape.
  local shape = shapes[(counter + math.floor(counter / #queries)) % #shapes + 1]
  return wrk.format("GET", query .. shape)
end

function done(summary, latency, requests)
  io.write(string.format("errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout))
  io.write(string.format("latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
