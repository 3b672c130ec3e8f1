-- ticket-service: tickets with their SLA clocks and stored due times, tags, comments, the audit trail, the
-- message ids that thread email, idempotency records and recorded breaches. Times are timestamptz (instants).

create table ticket (
    id                       bigserial      primary key,
    subject                  varchar(300)   not null,
    description              text,
    requester_email          varchar(320)   not null,
    requester_name           varchar(200),
    organisation             varchar(100)   not null,
    channel                  varchar(16)    not null,
    type                     varchar(16),
    priority                 varchar(2),
    status                   varchar(24)    not null,
    group_name               varchar(50)    not null,
    assignee                 varchar(320),
    incident_id              bigint,
    follow_up_of             bigint         references ticket (id),
    backlog_card_url         varchar(1000),
    backlog_tell_tenant      boolean        not null default false,
    backlog_done_at          timestamptz,
    created_at               timestamptz    not null,
    created_by               varchar(320)   not null,
    updated_at               timestamptz    not null,
    status_changed_at        timestamptz    not null,
    -- SLA clocks as their running stretches (JSON), so pauses and priority changes never lose or invent time
    first_response_sla       text,
    first_response_met_at    timestamptz,
    first_response_due_at    timestamptz,
    first_response_breached_at timestamptz,
    next_update_sla          text,
    next_update_due_at       timestamptz,
    next_update_breached_at  timestamptz,
    -- the nearest unmet due time: the queue's "nearest breach first" order
    sla_due_at               timestamptz,
    -- the next scheduled status step (pending reminder, pending close, believed-solved -> solved, solved -> closed)
    status_step              varchar(24),
    status_step_at           timestamptz,
    -- when the scan must look at this ticket next: the earliest unbreached due time or status step; null when nothing can fall due
    next_check_at            timestamptz,
    -- the Message-ID of the email that opened the ticket: outgoing emails reply to it so tenants' mail clients thread
    thread_root              varchar(998),
    version                  integer        not null default 0,
    constraint ticket_priority check (priority in ('P1', 'P2', 'P3', 'P4')),
    constraint ticket_status check (status in ('NEW', 'OPEN', 'ON_HOLD', 'PENDING', 'PENDING_BELIEVED_SOLVED', 'SOLVED', 'CLOSED')),
    constraint ticket_channel check (channel in ('WEB_FORM', 'EMAIL', 'CVE_ALERT', 'MONITORING', 'PLATFORM_TESTS', 'API'))
);
-- the deadline scan reads only what is due
create index ticket_check_due on ticket (next_check_at) where next_check_at is not null;
-- queues: open work by nearest breach; a tenant's organisation; one person's tickets
create index ticket_open_by_breach on ticket (sla_due_at, id) where status <> 'CLOSED';
create index ticket_organisation on ticket (organisation, id);
create index ticket_assignee on ticket (assignee) where assignee is not null;
create index ticket_group on ticket (group_name, id) where status <> 'CLOSED';

create table ticket_tag (
    ticket_id  bigint       not null references ticket (id) on delete cascade,
    tag        varchar(64)  not null,
    primary key (ticket_id, tag)
);
create index ticket_tag_by_tag on ticket_tag (tag, ticket_id);

-- public replies, tenant comments and internal notes; internal ones never leave the service
create table ticket_comment (
    id           bigserial      primary key,
    ticket_id    bigint         not null references ticket (id) on delete cascade,
    public       boolean        not null,
    author       varchar(320)   not null,
    author_kind  varchar(8)     not null,
    body         text           not null,
    channel      varchar(16)    not null,
    created_at   timestamptz    not null,
    thanks_only  boolean        not null default false,
    -- attachments of an emailed comment: JSON list of {name, type, size}
    attachments  text,
    constraint ticket_comment_author check (author_kind in ('AGENT', 'TENANT', 'SYSTEM'))
);
create index ticket_comment_by_ticket on ticket_comment (ticket_id, id);

-- the audit trail: who changed what, when and why
create table ticket_event (
    id         bigserial      primary key,
    ticket_id  bigint         not null references ticket (id) on delete cascade,
    at         timestamptz    not null,
    actor      varchar(320)   not null,
    action     varchar(32)    not null,
    detail     text           not null,
    reason     text
);
create index ticket_event_by_ticket on ticket_event (ticket_id, id);

-- every Message-ID seen or sent for a ticket: replies thread by In-Reply-To/References, and an email posted
-- twice by the gateway is recognised (its Message-ID is already here)
create table ticket_message (
    message_id   varchar(998)  primary key,
    ticket_id    bigint        not null references ticket (id) on delete cascade,
    comment_id   bigint,
    direction    varchar(3)    not null,
    created_at   timestamptz   not null,
    constraint ticket_message_direction check (direction in ('IN', 'OUT'))
);
create index ticket_message_by_ticket on ticket_message (ticket_id);

-- POST /api/tickets with an Idempotency-Key: a repeat answers the first ticket
create table ticket_request (
    idempotency_key  varchar(200)  primary key,
    ticket_id        bigint        not null references ticket (id) on delete cascade,
    created_at       timestamptz   not null
);

-- a breach is recorded once per target (a next-update target is identified by when its clock started)
create table sla_breach (
    id                 bigserial     primary key,
    ticket_id          bigint        not null references ticket (id) on delete cascade,
    target             varchar(16)   not null,
    target_started_at  timestamptz   not null,
    due_at             timestamptz   not null,
    breached_at        timestamptz   not null,
    notified           varchar(320)  not null,
    constraint sla_breach_once unique (ticket_id, target, target_started_at),
    constraint sla_breach_target check (target in ('FIRST_RESPONSE', 'NEXT_UPDATE'))
);
