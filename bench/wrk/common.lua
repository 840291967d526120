-- Shared by the wrk scripts (loaded with dofile from the repository's root, where bench/ runs wrk).

-- The lines of the file named by environment variable NAME; none when it is unset.
function lines_of(name)
  local lines = {}
  local file = os.getenv(name) and io.open(os.getenv(name))
  if file then
    for line in file:lines() do lines[#lines + 1] = line end
    file:close()
  end
  return lines
end

-- Bearer tokens, one per line of $TOKENS (unset for a service without authentication).
tokens = lines_of("TOKENS")

-- Each thread starts elsewhere in the lists: setup() numbers the threads, init() seeds by number.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread", threads)
end

function seed()
  math.randomseed(os.time() * 100 + thread)
end
