-- The inbox: what an intake took in and answered for (202) but has not yet processed (an Events API v2 event, an email
-- posted with Prefer: respond-async). Stored and committed before the answer, so a taken item is never lost; processed
-- by the service's inbox worker in id order, one transaction per item that also deletes the row, so an item's effect
-- commits exactly once. Items sharing an ordering key (one alert's dedup key) are processed one at a time, in order.
create table inbox_item (
    id               bigserial     primary key,
    kind             varchar(40)   not null,
    ordering_key     varchar(600)  not null,
    payload          text          not null,
    received_at      timestamptz   not null,
    attempts         integer       not null default 0,
    next_attempt_at  timestamptz   not null,
    last_error       text,
    traceparent      varchar(64)
);
-- the claim's check that no earlier item of the same key is still waiting
create index inbox_item_order on inbox_item (kind, ordering_key, id);
