-- wrk: POST /listings, each request signed by the next token of $TOKENS.
dofile("bench/wrk/common.lua")
local n = 0
local body = '{"title":"Road bike","description":"54 cm frame, serviced last spring",' ..
             '"category":"bikes","price":{"amount":"350.00","currency":"EUR"}}'

function init(args)
  seed()
  n = math.random(1, 1000)
end

function request()
  n = n + 1
  local headers = {["Content-Type"] = "application/json"}
  if #tokens > 0 then headers["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1] end
  return wrk.format("POST", "/listings", headers, body)
end
