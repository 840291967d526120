-- wrk: GET /listings/{id} over the listings in $LISTINGS (lines "id ...").
local listings = {}
for line in io.open(os.getenv("LISTINGS")):lines() do
  listings[#listings + 1] = line:match("^(%S+)")
end
local n = 0

-- Each thread starts elsewhere in the lists: setup() numbers the threads.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread", threads)
end

function init(args)
  math.randomseed(os.time() * 100 + thread)
  n = math.random(1, #listings)
end

function request()
  n = n + 1
  return wrk.format("GET", "/listings/" .. listings[(n % #listings) + 1])
end
