-- Idempotency-Keys belong to the device that sent them: a key is kept as 'key:<deviceId>:<key>', apart from every
-- other device's keys and from the devices' command ids ('cmd:<deviceId>:<commandId>'). A key kept before this
-- came with the events it answered, so the device that sent it is the one that wrote its first event.
update idempotency i
set key = 'key:' || j.device_id || ':' || i.key
from journal j
where j.seq = i.first_seq
  and i.key not like 'cmd:%'
  and i.key not like 'key:%';

-- A key with no event cannot be placed; it is forgotten (a retry under it is decided again, where the ids in the
-- body still keep it from acting twice).
delete from idempotency
where key not like 'cmd:%' and key not like 'key:%';
