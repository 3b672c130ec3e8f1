-- A relay claims one row at a time and commits the claim before it sends: attempts goes up and next_attempt_at
-- moves to the end of a lease (support.outbox.claim-for), so the outbox always shows how often a row was tried, and
-- a row whose relay was killed mid-send is claimed again once its lease has passed. claimed_by names the relay that
-- holds (or last held) the row; only that relay records the row's outcome. timeouts counts sends that got no answer
-- in time: an email whose send timed out twice is parked (DEAD) for an operator, as the server may have taken it.
alter table outbox_message add column claimed_by varchar(200);
alter table outbox_message add column timeouts integer not null default 0;
alter table outbox_call add column claimed_by varchar(200);
alter table outbox_call add column timeouts integer not null default 0;
