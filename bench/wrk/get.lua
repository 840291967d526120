-- wrk: GET /listings/{id} over the listings in $LISTINGS (lines "id ...").
dofile("bench/wrk/common.lua")
local listings = {}
for _, line in ipairs(lines_of("LISTINGS")) do
  listings[#listings + 1] = line:match("^(%S+)")
end
local n = 0

function init(args)
  seed()
  n = math.random(1, #listings)
end

function request()
  n = n + 1
  return wrk.format("GET", "/listings/" .. listings[(n % #listings) + 1])
end
