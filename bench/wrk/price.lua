-- wrk: POST /listings/{id}/price over the listings in $LISTINGS (lines "id seller-index"), each
-- signed by its seller's token from $TOKENS. Every request names a new price, so each one
-- appends an event.
dofile("bench/wrk/common.lua")
local listings, sellers = {}, {}
for _, line in ipairs(lines_of("LISTINGS")) do
  local id, seller = line:match("^(%S+)%s+(%d+)")
  listings[#listings + 1] = id
  sellers[#sellers + 1] = tonumber(seller)
end
local n, cents = 0, 0

function init(args)
  seed()
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
