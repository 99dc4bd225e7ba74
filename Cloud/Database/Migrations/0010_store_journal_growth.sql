-- A year of a chain in store_journal (2,000 stores x ~2,000 events a day is 1.5 billion rows): kept as one table with
-- its B-tree indexes, not partitioned. Measured (docs/BENCHMARKS.md, "HQ at chain scale"): an ingest batch costs a
-- number of buffer visits set by the indexes' depth (about 13 per row at 20 million rows, nearly all in memory),
-- because each index is written at its right-hand edge: (store_id, seq) at the store's newest seq, (store_id, event_id)
-- at the newest time-ordered (UUIDv7) event id, (business_date, store_id, seq) at today. A date's read is a range of
-- the business-date index, its cost the date's rows, not the table's.
-- Not partitioned: by business_date, neither the primary key (store_id, seq) nor unique (store_id, event_id) could be
-- enforced (PostgreSQL needs the partition key in every unique constraint), and the seals have no business date; by
-- hash of store_id, every date's read would probe every partition and nothing would get smaller where ingest writes.
--
-- What growth does need: an append-only table is vacuumed and analyzed by inserts counted against its size (20 % and
-- 10 % by default), so at a billion rows the planner would not hear of a new date for weeks and the visibility map
-- would lag by hundreds of millions of rows. Counted against a much smaller share here, they follow a day's ingest.
alter table store_journal set (
    autovacuum_vacuum_insert_scale_factor = 0.002,
    autovacuum_analyze_scale_factor = 0.002
);
