-- wrk: POST /listings, each request signed by the next of the tokens in $TOKENS (one per line;
-- unset for a service without authentication).
local tokens = {}
local file = os.getenv("TOKENS") and io.open(os.getenv("TOKENS"))
if file then
  for line in file:lines() do tokens[#tokens + 1] = line end
  file:close()
end
local n = 0
local body = '{"title":"Road bike","description":"54 cm frame, serviced last spring",' ..
             '"category":"bikes","price":{"amount":"350.00","currency":"EUR"}}'

-- Each thread starts elsewhere in the lists: setup() numbers the threads.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread", threads)
end

function init(args)
  math.randomseed(os.time() * 100 + thread)
  n = math.random(1, 1000)
end

function request()
  n = n + 1
  local headers = {["Content-Type"] = "application/json"}
  if #tokens > 0 then headers["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1] end
  return wrk.format("POST", "/listings", headers, body)
end
