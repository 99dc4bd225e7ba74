-- Print jobs are streams printjob-<jobId> in the journal. A printer finds its jobs by these
-- partial indexes, which cost nothing for the other events the journal takes.

-- The jobs queued for a printer, or moved to it from a printer that failed over.
create index journal_print_jobs_by_printer on journal ((data->>'printerId'), seq)
    where type in ('PrintJobQueued', 'PrintJobFailedOver');

-- Jobs that are done: a printer skips them when it looks for unfinished work.
create index journal_print_jobs_printed on journal (stream_id)
    where type = 'PrintJobPrinted';
