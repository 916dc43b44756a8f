-- Take over entries whose worker let its lease run out (it died, or hung).
-- An entry already delivered max_tries times fails for good instead: the job
-- keeps killing its workers (a poison job), and must not cycle forever.
-- KEYS[1] the stream. ARGV[1] group, ARGV[2] this worker, ARGV[3] lease in ms,
-- ARGV[4] the most entries to look at, ARGV[5] the job key prefix,
-- ARGV[6] keep_results in ms, ARGV[7] the channel for finished jobs,
-- ARGV[8] the failure message, with %d for the tries.
-- Returns {entry, deliveries, fields} for each entry taken.
local stream, group = KEYS[1], ARGV[1]
local pending = redis.call('XPENDING', stream, group, 'IDLE', tonumber(ARGV[3]), '-', '+', tonumber(ARGV[4]))
local taken, lost = {}, {}
for _, p in ipairs(pending) do
  local entry, deliveries = p[1], tonumber(p[4])
  local e = redis.call('XRANGE', stream, entry, entry)
  if #e == 0 then
    redis.call('XACK', stream, group, entry)
  else
    local f = {}
    for j = 1, #e[1][2], 2 do f[e[1][2][j]] = e[1][2][j + 1] end
    local spent = (tonumber(f.tries) or 0) + deliveries
    if f.job and spent >= (tonumber(f.max_tries) or 1) then
      redis.call('XACK', stream, group, entry)
      redis.call('XDEL', stream, entry)
      local key = ARGV[5] .. f.job
      redis.call('HSET', key, 'state', 'failed', 'error_type', 'WorkerLost',
        'message', string.format(ARGV[8], spent), 'tries', spent)
      redis.call('HDEL', key, 'entry')
      redis.call('PEXPIRE', key, ARGV[6])
      lost[#lost + 1] = f.job
    else
      local c = redis.call('XCLAIM', stream, group, ARGV[2], tonumber(ARGV[3]), entry)
      if #c == 1 then taken[#taken + 1] = {entry, deliveries + 1, c[1][2]} end
    end
  end
end
if #lost > 0 then
  redis.call('PUBLISH', ARGV[7], table.concat(lost, '\n'))
end
return taken
