-- Write back what workers did with a batch of deliveries, in one round trip.
-- KEYS[1] the stream, KEYS[2] the deferred set, KEYS[3..] one job hash per completion.
-- ARGV[1] group, ARGV[2] this worker, ARGV[3] keep_results in ms, ARGV[4] the
-- channel that announces finished jobs; then six per completion:
-- kind, entry, job, x, y, z where kind is
--   ok     x = result (JSON), y = tries
--   fail   x = error type, y = message, z = tries
--   retry  x = tries spent, y = delay in ms
--   back   (hand back, unstarted: a new entry at the end, no try counted)
--   drop   (a malformed entry: acknowledge and delete it, nothing else)
-- A completion counts while its entry is pending, whoever holds it (XACK
-- says so): the first word wins, and a late one changes nothing. Handing
-- back also needs the lease: an entry another worker took over is its own.
local clock = redis.call('TIME')
local now = clock[1] * 1000 + math.floor(clock[2] / 1000)
local stream, group = KEYS[1], ARGV[1]
local finished = {}
for i = 3, #KEYS do
  local key = KEYS[i]
  local a = 4 + (i - 3) * 6
  local kind, entry, job, x, y, z = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], ARGV[a + 5], ARGV[a + 6]
  local acts = true
  local deliveries = 1
  if kind == 'back' then
    local p = redis.call('XPENDING', stream, group, entry, entry, 1)
    acts = #p == 1 and p[1][2] == ARGV[2]
    if acts then deliveries = tonumber(p[1][4]) end
  end
  local fields = nil
  if acts and (kind == 'retry' or kind == 'back') then
    local e = redis.call('XRANGE', stream, entry, entry)
    if #e == 1 then fields = e[1][2] end
  end
  if acts and redis.call('XACK', stream, group, entry) == 1 then
    redis.call('XDEL', stream, entry)
    if kind == 'ok' then
      redis.call('HSET', key, 'state', 'succeeded', 'result', x, 'tries', y)
      redis.call('HDEL', key, 'entry')
      redis.call('PEXPIRE', key, ARGV[3])
      finished[#finished + 1] = job
    elseif kind == 'fail' then
      redis.call('HSET', key, 'state', 'failed', 'error_type', x, 'message', y, 'tries', z)
      redis.call('HDEL', key, 'entry')
      redis.call('PEXPIRE', key, ARGV[3])
      finished[#finished + 1] = job
    elseif kind == 'retry' and fields then
      local f = {}
      for j = 1, #fields, 2 do f[fields[j]] = fields[j + 1] end
      redis.call('HSET', key, 'state', 'deferred', 'tries', x, 'name', f.name, 'args', f.args,
        'max_tries', f.max_tries, 'timeout', f.timeout)
      redis.call('HDEL', key, 'entry')
      redis.call('ZADD', KEYS[2], now + tonumber(y), job)
    elseif kind == 'back' and fields then
      -- This delivery never started; earlier ones (whose workers were lost)
      -- still count as tries.
      for j = 1, #fields, 2 do
        if fields[j] == 'tries' then
          fields[j + 1] = tostring((tonumber(fields[j + 1]) or 0) + deliveries - 1)
        end
      end
      local new = redis.call('XADD', stream, '*', unpack(fields))
      redis.call('HSET', key, 'entry', new)
    end
  end
end
if #finished > 0 then
  redis.call('PUBLISH', ARGV[4], table.concat(finished, '\n'))
end
return #finished
