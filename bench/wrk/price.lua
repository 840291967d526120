-- wrk: POST /listings/{id}/price over the listings in $LISTINGS (lines "id seller-index"), each
-- signed by its seller's token from $TOKENS (unset for a service without authentication). Every
-- request names a new price, so each one appends an event.
local listings, sellers, tokens = {}, {}, {}
for line in io.open(os.getenv("LISTINGS")):lines() do
  local id, seller = line:match("^(%S+)%s+(%d+)")
  listings[#listings + 1] = id
  sellers[#sellers + 1] = tonumber(seller)
end
local file = os.getenv("TOKENS") and io.open(os.getenv("TOKENS"))
if file then
  for line in file:lines() do tokens[#tokens + 1] = line end
  file:close()
end
local n, cents = 0, 0

-- Each thread starts elsewhere in the lists: setup() numbers the threads.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread", threads)
end

function init(args)
  math.randomseed(os.time() * 100 + thread)
  n = math.random(1, #listings)
  cents = math.random(1, 100000)
end

function request()
  n = n + 1
  cents = cents + 1
  local i = (n % #listings) + 1
  local headers = {["Content-Type"] = "application/json"}
  if #tokens > 0 then headers["Authorization"] = "Bearer " .. tokens[sellers[i] + 1] end
  local body = string.format('{"amount":"%d.%02d","currency":"EUR"}', 100 + math.floor(cents / 100), cents % 100)
  return wrk.format("POST", "/listings/" .. listings[i] .. "/price", headers, body)
end
