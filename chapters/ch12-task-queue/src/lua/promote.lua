-- Move deferred jobs that are due (by the server's clock) into the stream.
-- KEYS[1] the stream, KEYS[2] the deferred set. ARGV[1] the job key prefix,
-- ARGV[2] the most jobs to move. Job keys are built here from the prefix; they
-- share the queue's hash tag, so they live in the same cluster slot.
-- Returns {moved, ms until the next deferred job is due, or -1 if none}.
local clock = redis.call('TIME')
local now = clock[1] * 1000 + math.floor(clock[2] / 1000)
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
for _, job in ipairs(due) do
  local key = ARGV[1] .. job
  local h = redis.call('HMGET', key, 'state', 'name', 'args', 'max_tries', 'timeout', 'tries')
  redis.call('ZREM', KEYS[2], job)
  if h[1] == 'deferred' and h[2] then
    local entry = redis.call('XADD', KEYS[1], '*', 'job', job, 'name', h[2], 'args', h[3],
      'max_tries', h[4], 'timeout', h[5], 'tries', h[6])
    redis.call('HSET', key, 'state', 'queued', 'entry', entry)
    redis.call('HDEL', key, 'name', 'args', 'max_tries', 'timeout')
  end
end
local nxt = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
if #nxt == 0 then return {#due, -1} end
return {#due, math.max(0, tonumber(nxt[2]) - now)}
