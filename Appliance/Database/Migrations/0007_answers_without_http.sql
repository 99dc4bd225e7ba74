-- A kept answer is the journal's record of a command's first outcome, not an HTTP response: it keeps the version
-- of the stream the answer stands for (an integer, where an ETag string stood) and no status code; the API speaks
-- the answer again (a problem's status is in its body, a success's is the route's). Rows kept before keep their
-- version, read from the ETag they held.
alter table idempotency add column version integer;
update idempotency
set version = substring(etag from '^"([0-9]+)"$')::integer
where etag ~ '^"[0-9]+"$';
alter table idempotency drop column etag;
alter table idempotency drop column status;
