-- The stores' seals of their business dates (stream business-days, type BusinessDaySealed, data
-- {"businessDate","eventCount","lastSeq"}): the daily report finds a store's latest seal of a date with one probe.
create index store_journal_day_seals
    on store_journal (store_id, (data ->> 'businessDate'), seq)
    where stream_id = 'business-days' and type = 'BusinessDaySealed';
