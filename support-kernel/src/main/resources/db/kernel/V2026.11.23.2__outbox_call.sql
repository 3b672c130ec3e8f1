-- Calls to other services whose effect must not be lost (declare an incident, request a page): written in the
-- transaction of their cause, sent by the call relay, retried with backoff, each with an idempotency key the
-- receiver honours, so a retry after a timeout never makes a second incident or page.
create table outbox_call (
    id               bigserial     primary key,
    idempotency_key  varchar(200)  not null,
    target           varchar(100)  not null,
    operation        varchar(100)  not null,
    payload          text          not null,
    status           varchar(16)   not null,
    attempts         integer       not null default 0,
    next_attempt_at  timestamptz   not null,
    last_error       text,
    result           varchar(2000),
    created_at       timestamptz   not null,
    sent_at          timestamptz,
    dead_at          timestamptz,
    constraint outbox_call_key unique (idempotency_key),
    constraint outbox_call_status check (status in ('PENDING', 'SENT', 'DEAD'))
);
create index outbox_call_due on outbox_call (next_attempt_at, id) where status = 'PENDING';
create index outbox_call_dead on outbox_call (dead_at desc, id) where status = 'DEAD';
