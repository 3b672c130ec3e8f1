-- incident-service: components, incidents with their stored deadlines, team, timeline, tenant updates,
-- status-page subscribers, reports and reviews. Times are timestamptz (instants).

-- what tenants see on the status page; state names follow the Atlassian Statuspage public format
create table component (
    id           bigserial     primary key,
    name         varchar(200)  not null,
    description  varchar(1000),
    position     integer       not null default 0,
    state        varchar(24)   not null default 'OPERATIONAL',
    updated_at   timestamptz   not null,
    constraint component_name unique (name),
    constraint component_state check (state in ('OPERATIONAL', 'DEGRADED_PERFORMANCE', 'PARTIAL_OUTAGE', 'MAJOR_OUTAGE', 'UNDER_MAINTENANCE'))
);

create table incident (
    id                     bigserial      primary key,
    title                  varchar(300)   not null,
    description            text,
    severity               varchar(2)     not null,
    status                 varchar(16)    not null,
    security_breach        boolean        not null default false,
    data_corruption_risk   boolean        not null default false,
    source_kind            varchar(16)    not null,
    source_ref             varchar(200),
    period_at_declaration  varchar(32)    not null,
    declared_at            timestamptz    not null,
    declared_by            varchar(320)   not null,
    -- the targets in force, stored when each event happens (declaration, tenant update, severity change)
    targets_period         varchar(32)    not null,
    targets_start          timestamptz    not null,
    respond_by             timestamptz    not null,
    next_update_by         timestamptz    not null,
    reminder_at            timestamptz,
    -- the deadline a reminder / a missed-update page was already handled for: each happens once per deadline
    reminded_for           timestamptz,
    missed_for             timestamptz,
    -- when the deadline scan must look at this incident next; null once nothing more can fall due
    next_check_at          timestamptz,
    lead_email             varchar(320),
    lead_name              varchar(200),
    comms_email            varchar(320),
    comms_name             varchar(200),
    first_update_at        timestamptz,
    response_met_at        timestamptz,
    resolved_at            timestamptz,
    resolved_by            varchar(320),
    agreed_by              varchar(320),
    version                integer        not null default 0,
    constraint incident_severity check (severity in ('P1', 'P2', 'P3', 'P4')),
    constraint incident_status check (status in ('INVESTIGATING', 'IDENTIFIED', 'MONITORING', 'RESOLVED')),
    constraint incident_source check (source_kind in ('TICKET', 'ALERT', 'MANUAL'))
);
-- the deadline scan reads only what is due: open incidents with a check time
create index incident_check_due on incident (next_check_at) where next_check_at is not null;
create index incident_open on incident (declared_at desc) where status <> 'RESOLVED';
create index incident_history on incident (declared_at desc);

create table incident_component (
    incident_id   bigint  not null references incident (id) on delete cascade,
    component_id  bigint  not null references component (id),
    primary key (incident_id, component_id)
);

-- the Idempotency-Key of each declaration: a repeat answers the first incident
create table incident_request (
    idempotency_key  varchar(200)  primary key,
    incident_id      bigint        not null references incident (id) on delete cascade,
    created_at       timestamptz   not null
);

create table incident_member (
    incident_id  bigint        not null references incident (id) on delete cascade,
    email        varchar(320)  not null,
    name         varchar(200)  not null,
    primary key (incident_id, email)
);

-- append-only: entries are inserted, never updated or deleted
create table timeline_entry (
    id           bigserial      primary key,
    incident_id  bigint         not null references incident (id) on delete cascade,
    at           timestamptz    not null,
    kind         varchar(24)    not null,
    author       varchar(320)   not null,
    text         varchar(10000) not null
);
create index timeline_by_incident on timeline_entry (incident_id, id);

create table tenant_update (
    id            bigserial      primary key,
    incident_id   bigint         not null references incident (id) on delete cascade,
    template      varchar(32)    not null,
    status        varchar(16)    not null,
    title         varchar(300)   not null,
    body          text           not null,
    internal      boolean        not null default false,
    component_state varchar(24),
    published_at  timestamptz    not null,
    author        varchar(320)   not null
);
create index tenant_update_by_incident on tenant_update (incident_id, id);

create table tenant_update_component (
    update_id     bigint  not null references tenant_update (id) on delete cascade,
    component_id  bigint  not null references component (id),
    primary key (update_id, component_id)
);

-- status-page email subscribers; the token is in confirm and unsubscribe links, the address is never shown publicly
create table subscriber (
    id            bigserial     primary key,
    email         varchar(320)  not null,
    token         varchar(64)   not null,
    confirmed_at  timestamptz,
    created_at    timestamptz   not null,
    constraint subscriber_token unique (token)
);
create unique index subscriber_email on subscriber (lower(email));

create table subscription (
    subscriber_id  bigint  not null references subscriber (id) on delete cascade,
    component_id   bigint  not null references component (id) on delete cascade,
    primary key (subscriber_id, component_id)
);
create index subscription_by_component on subscription (component_id);

-- the report assembled from the timeline, and the no-blame review due within 7 days of resolution
create table incident_review (
    incident_id        bigint         primary key references incident (id) on delete cascade,
    due_by             timestamptz    not null,
    next_reminder_at   timestamptz,
    held_at            timestamptz,
    attendees          varchar(4000),
    report_markdown    text,
    published_at       timestamptz,
    publish_decision   varchar(2000),
    decided_by         varchar(320)
);
create index review_reminder_due on incident_review (next_reminder_at) where next_reminder_at is not null;
