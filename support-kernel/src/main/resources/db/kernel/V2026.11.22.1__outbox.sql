-- The transactional mail outbox (support-kernel). Rows are written in the transaction of the change
-- that causes the email and sent later by the relay. Kernel migrations are versioned by date,
-- as are the services' own, so the two streams never collide.
create table outbox_message (
    id               bigserial     primary key,
    idempotency_key  varchar(200)  not null,
    message_id       varchar(300)  not null,
    recipients       text          not null,
    subject          varchar(998)  not null,
    text_body        text          not null,
    html_body        text,
    headers          text,
    status           varchar(16)   not null,
    attempts         integer       not null default 0,
    next_attempt_at  timestamptz   not null,
    last_error       text,
    created_at       timestamptz   not null,
    sent_at          timestamptz,
    dead_at          timestamptz,
    constraint outbox_message_key unique (idempotency_key),
    constraint outbox_message_status check (status in ('PENDING', 'SENT', 'DEAD'))
);

-- the relay reads only what is due; the admin list reads only what is dead
create index outbox_message_due on outbox_message (next_attempt_at, id) where status = 'PENDING';
create index outbox_message_dead on outbox_message (dead_at desc, id) where status = 'DEAD';
