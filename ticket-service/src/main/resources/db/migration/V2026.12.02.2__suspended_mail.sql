-- Mail a robot wrote (auto-replies, bounces, our own addresses, bulk mail: RFC 3834) opens nothing and is kept here,
-- where an agent can see it, with why. One row per Message-ID (or SHA-256 of the bytes), like the intake's dedup.
create table suspended_mail (
    id             bigserial      primary key,
    message_id     varchar(998)   not null unique,
    from_address   varchar(320)   not null,
    subject        varchar(300)   not null,
    received_at    timestamptz    not null,
    reason         varchar(500)   not null,
    -- the message as received, its first 65536 characters
    raw_message    text           not null,
    raw_truncated  boolean        not null,
    -- an agent who found a person's request here released it: processed as ordinary mail, by whom, when, into which ticket
    released_at    timestamptz,
    released_by    varchar(320),
    ticket_id      bigint         references ticket (id) on delete set null
);
create index suspended_mail_newest on suspended_mail (received_at desc, id desc);
