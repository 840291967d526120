-- wrk: bench/flood's flooder. Creates as create.lua does, signed by the one token in $TOKENS,
-- and counts the answers: 201, 429 (and whether each 429 carried Retry-After and problem+json),
-- anything else. done() prints one line: "flood <201> <429> <429 without Retry-After> <other>".
dofile("bench/wrk/create.lua")
local all = {}
counts = {created = 0, limited = 0, bare = 0, other = 0} -- a global: done() reads each thread's

local seed_setup = setup
function setup(thread)
  seed_setup(thread)
  all[#all + 1] = thread
end

function response(status, headers, body)
  local header = {}
  for name, value in pairs(headers) do header[string.lower(name)] = value end
  if status == 201 then
    counts.created = counts.created + 1
  elseif status == 429 then
    counts.limited = counts.limited + 1
  else
    counts.other = counts.other + 1
  end
  if status == 429 and (header["retry-after"] == nil
      or not string.find(header["content-type"] or "", "application/problem+json", 1, true)) then
    counts.bare = counts.bare + 1
  end
end

function done(summary, latency, requests)
  local created, limited, bare, other = 0, 0, 0, 0
  for _, thread in ipairs(all) do
    local c = thread:get("counts")
    created, limited, bare, other = created + c.created, limited + c.limited, bare + c.bare, other + c.other
  end
  io.write(string.format("flood %d %d %d %d\n", created, limited, bare, other))
end
