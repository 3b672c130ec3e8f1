-- A queued email or call whose cause has gone (a page acknowledged or resolved before its next notification was
-- sent, an incident resolved before its page request went out) is CANCELLED in the transaction that ended the
-- cause, so nothing is sent after that commit. The row stays, with the reason, for operators to read.
alter table outbox_message drop constraint outbox_message_status;
alter table outbox_message add constraint outbox_message_status check (status in ('PENDING', 'SENT', 'DEAD', 'CANCELLED'));
alter table outbox_message add column cancelled_at timestamptz;
alter table outbox_call drop constraint outbox_call_status;
alter table outbox_call add constraint outbox_call_status check (status in ('PENDING', 'SENT', 'DEAD', 'CANCELLED'));
alter table outbox_call add column cancelled_at timestamptz;
