-- The store's own journal head as it said with its latest batch, so headquarters sees how far behind the
-- cloud's copy is (head_seq - acked_seq). Only ever grows, and is never below acked_seq.
alter table stores add column head_seq bigint not null default 0;

update stores set head_seq = acked_seq;

alter table stores add constraint stores_head_not_below_acked check (head_seq >= acked_seq);
