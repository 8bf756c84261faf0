-- wrk script: GET /search with queries from a log (qid<TAB>text per line, file in QUERIES),
-- drawn with a Zipf distribution over the log's order (exponent ZIPF_S, default 1.0): the
-- first query is the most asked, as when a story breaks and everyone searches for it. PARAMS
-- adds query parameters to every request. A fixed seed per thread makes runs comparable.
local queries = {}
local cumulative = {}
local params = os.getenv("PARAMS") or ""
local s = tonumber(os.getenv("ZIPF_S") or "1.0")

local function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

for line in io.lines(os.getenv("QUERIES")) do
  local text = line:match("^[^\t]*\t(.*)$")
  if text then queries[#queries + 1] = "/search?q=" .. urlencode(text) .. params end
end
local total = 0
for i = 1, #queries do
  total = total + 1 / (i ^ s)
  cumulative[i] = total
end

function init(args)
  math.randomseed(20261203)
end

function request()
  local u = math.random() * total
  local lo, hi = 1, #queries
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cumulative[mid] < u then lo = mid + 1 else hi = mid end
  end
  return wrk.format("GET", queries[lo])
end
