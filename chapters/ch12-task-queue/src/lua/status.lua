-- A job's status. A queued job whose entry is pending is running (or
-- prefetched by a worker, about to run).
-- KEYS[1] the stream, KEYS[2] the job hash. ARGV[1] group.
local h = redis.call('HMGET', KEYS[2], 'state', 'entry')
if not h[1] then return 'unknown' end
if h[1] == 'queued' and h[2] then
  local p = redis.call('XPENDING', KEYS[1], ARGV[1], h[2], h[2], 1)
  if #p == 1 then return 'running' end
end
return h[1]
