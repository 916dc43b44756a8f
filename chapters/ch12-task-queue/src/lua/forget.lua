-- Remove this worker's name from the consumer group, if it holds nothing.
-- KEYS[1] the stream. ARGV[1] group, ARGV[2] this worker.
if #redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2]) == 0 then
  return redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
end
return -1
