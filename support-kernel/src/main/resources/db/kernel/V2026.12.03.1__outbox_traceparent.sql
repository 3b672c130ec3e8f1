-- The W3C traceparent of the work that queued each email or call, so the relay's send continues that trace (a call's
-- receiver logs the same trace id as the cause). Null for rows queued outside any trace, and for rows queued before.
alter table outbox_message add column traceparent varchar(55);
alter table outbox_call add column traceparent varchar(55);
