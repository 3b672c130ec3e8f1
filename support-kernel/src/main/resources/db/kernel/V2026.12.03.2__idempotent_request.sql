-- Every Idempotency-Key a service has answered (POST /api/tickets, /api/incidents, /api/pages), in each service's
-- database, written and read only by the kernel's IdempotentRequests. The stored key is already a digest of the
-- route, the caller and the key as sent (IdempotencyKeys), so it is unique by itself; route and resource say what it
-- answered. Rows older than support.idempotency.keep-for no longer answer and are purged (the index on created_at).
-- No foreign key: one table serves every kind of resource; a key whose resource has gone answers nothing.
create table idempotent_request (
    key_digest     varchar(200)  primary key,
    route          varchar(100)  not null,
    resource_kind  varchar(40)   not null,
    resource_id    bigint        not null,
    created_at     timestamptz   not null
);
create index idempotent_request_created on idempotent_request (created_at);
