-- Renew the lease of entries this worker still holds (XCLAIM ... JUSTID
-- resets the idle time without counting a delivery).
-- KEYS[1] the stream. ARGV[1] group, ARGV[2] this worker, ARGV[3..] entries.
-- Returns {entries another worker took over, entries no longer pending}.
local taken, gone = {}, {}
for i = 3, #ARGV do
  local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
  if #p == 0 then
    gone[#gone + 1] = ARGV[i]
  elseif p[1][2] == ARGV[2] then
    redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'JUSTID')
  else
    taken[#taken + 1] = ARGV[i]
  end
end
return {taken, gone}
