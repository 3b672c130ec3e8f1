-- An agent who read a suspended email and found only a robot's words discards it: kept (who, when) but out of the
-- waiting list. A discarded email is never released, a released one never discarded (EmailIntake).
alter table suspended_mail add column discarded_at timestamptz, add column discarded_by varchar(320);
create index suspended_mail_waiting on suspended_mail (received_at desc, id desc) where released_at is null and discarded_at is null;
