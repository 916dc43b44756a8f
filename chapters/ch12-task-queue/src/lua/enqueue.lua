-- Add jobs unless a job with the same id exists (queued, deferred, running,
-- or finished with its result still kept): deduplication by id.
-- KEYS[1] the stream, KEYS[2] the deferred set, KEYS[3..] one job hash per job.
-- ARGV: five per job: id, name, args, max_tries, timeout_ms ('' for none),
-- then one delay_ms per job at the end, in the same order.
local clock = redis.call('TIME')
local now = clock[1] * 1000 + math.floor(clock[2] / 1000)
local jobs = #KEYS - 2
local created = {}
for i = 1, jobs do
  local key = KEYS[i + 2]
  local a = (i - 1) * 5
  local id, name, args, max_tries, timeout = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], ARGV[a + 5]
  local delay = tonumber(ARGV[jobs * 5 + i])
  if redis.call('EXISTS', key) == 1 then
    created[i] = 0
  elseif delay > 0 then
    redis.call('HSET', key, 'state', 'deferred', 'name', name, 'args', args,
      'max_tries', max_tries, 'timeout', timeout, 'tries', 0)
    redis.call('ZADD', KEYS[2], now + delay, id)
    created[i] = 1
  else
    local entry = redis.call('XADD', KEYS[1], '*', 'job', id, 'name', name, 'args', args,
      'max_tries', max_tries, 'timeout', timeout, 'tries', 0)
    redis.call('HSET', key, 'state', 'queued', 'entry', entry)
    created[i] = 1
  end
end
return created
