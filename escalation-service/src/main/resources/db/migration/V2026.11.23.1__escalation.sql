-- escalation-service: the people directory, rotas and overrides, escalation policies, routing keys and pages.
-- Times are timestamptz (instants); rota handoffs are wall-clock times in the support zone.

create table person (
    id                 bigserial     primary key,
    name               varchar(200)  not null,
    email              varchar(320)  not null,
    phone              varchar(40),
    production_access  boolean       not null default false,
    created_at         timestamptz   not null,
    updated_at         timestamptz   not null,
    version            integer       not null default 0
);
-- one person per address, whatever its case
create unique index person_email on person (lower(email));

create table person_role (
    person_id  bigint       not null references person (id) on delete cascade,
    role       varchar(64)  not null,
    primary key (person_id, role)
);
-- escalation looks people up by role
create index person_role_by_role on person_role (role);

-- leave and other periods when a person must not be paged
create table unavailability (
    id         bigserial     primary key,
    person_id  bigint        not null references person (id) on delete cascade,
    from_at    timestamptz   not null,
    to_at      timestamptz   not null,
    reason     varchar(500),
    constraint unavailability_order check (to_at > from_at)
);
create index unavailability_by_person on unavailability (person_id, to_at);

create table rota (
    id                       bigserial     primary key,
    name                     varchar(200)  not null,
    purpose                  varchar(16),
    start_date               date          not null,
    handoff_day              varchar(9)    not null,
    handoff_time             time          not null,
    length_days              integer       not null,
    calendar_token           varchar(64)   not null,
    next_handoff_at          timestamptz,
    created_at               timestamptz   not null,
    updated_at               timestamptz   not null,
    version                  integer       not null default 0,
    constraint rota_name unique (name),
    constraint rota_length check (length_days between 1 and 366),
    constraint rota_purpose check (purpose in ('SUPPORT', 'ESCALATION'))
);
-- at most one support rota and one escalation rota: routing picks them by purpose
create unique index rota_by_purpose on rota (purpose) where purpose is not null;
create unique index rota_by_calendar_token on rota (calendar_token);
-- the hand-over job reads only the rotas whose handoff is due
create index rota_handoff_due on rota (next_handoff_at) where next_handoff_at is not null;

create table rota_member (
    rota_id    bigint   not null references rota (id) on delete cascade,
    position   integer  not null,
    person_id  bigint   not null references person (id),
    primary key (rota_id, position)
);

create table rota_override (
    id          bigserial     primary key,
    rota_id     bigint        not null references rota (id) on delete cascade,
    person_id   bigint        not null references person (id),
    from_at     timestamptz   not null,
    to_at       timestamptz   not null,
    reason      varchar(500),
    created_at  timestamptz   not null,
    constraint rota_override_order check (to_at > from_at)
);
create index rota_override_by_rota on rota_override (rota_id, to_at);

create table escalation_policy (
    id            bigserial     primary key,
    name          varchar(200)  not null,
    repeat_count  integer       not null default 0,
    is_default    boolean       not null default false,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    version       integer       not null default 0,
    constraint escalation_policy_name unique (name),
    constraint escalation_policy_repeat check (repeat_count between 0 and 9)
);
create unique index escalation_policy_default on escalation_policy (is_default) where is_default;

create table policy_level (
    policy_id            bigint       not null references escalation_policy (id) on delete cascade,
    position             integer      not null,
    kind                 varchar(16)  not null,
    rota_id              bigint       references rota (id),
    role                 varchar(64),
    ack_timeout_minutes  integer      not null,
    primary key (policy_id, position),
    constraint policy_level_kind check (kind in ('ON_CALL', 'ROTA', 'ROLE')),
    constraint policy_level_target check ((kind = 'ROTA') = (rota_id is not null) and (kind = 'ROLE') = (role is not null)),
    constraint policy_level_timeout check (ack_timeout_minutes between 1 and 1440)
);

-- The spec's chain. Level 1 is whoever is on call for the hour: the support rota in hours, the escalation rota
-- out of hours (where only P1 pages at all). A level with nobody available is skipped at once.
insert into escalation_policy (name, repeat_count, is_default, created_at, updated_at)
values ('Default: on call, then heads, then director', 1, true, now(), now());
insert into policy_level (policy_id, position, kind, rota_id, role, ack_timeout_minutes)
select id, 0, 'ON_CALL', cast(null as bigint), cast(null as varchar), 10 from escalation_policy where is_default union all
select id, 1, 'ROLE', null, 'head-of-reliability-engineering', 10 from escalation_policy where is_default union all
select id, 2, 'ROLE', null, 'techops-programme-director', 10 from escalation_policy where is_default union all
select id, 3, 'ROLE', null, 'director-of-portfolio-group', 15 from escalation_policy where is_default;

-- an integration's Events API v2 key; only its SHA-256 is stored, the key itself is shown once
create table routing_key (
    id                bigserial     primary key,
    name              varchar(200)  not null,
    key_hash          varchar(64)   not null,
    key_hint          varchar(8)    not null,
    policy_id         bigint        references escalation_policy (id),
    severity_mapping  varchar(500)  not null,
    created_at        timestamptz   not null,
    revoked_at        timestamptz,
    constraint routing_key_hash unique (key_hash)
);

create table page (
    id                bigserial      primary key,
    dedup_scope       varchar(40)    not null,
    dedup_key         varchar(255)   not null,
    status            varchar(16)    not null,
    severity          varchar(2)     not null,
    summary           varchar(1024)  not null,
    source            varchar(255)   not null,
    details           text,
    link              varchar(2000),
    policy_id         bigint         not null references escalation_policy (id),
    level             integer        not null default 0,
    round             integer        not null default 0,
    due_at            timestamptz,
    occurrences       integer        not null default 1,
    last_occurrence_at timestamptz   not null,
    opened_at         timestamptz    not null,
    opened_by         varchar(200)   not null,
    acknowledged_at   timestamptz,
    acknowledged_by   varchar(320),
    resolved_at       timestamptz,
    resolved_by       varchar(320),
    version           integer        not null default 0,
    constraint page_status check (status in ('WAITING', 'TRIGGERED', 'ACKNOWLEDGED', 'RESOLVED')),
    constraint page_severity check (severity in ('P1', 'P2', 'P3', 'P4'))
);
-- one open page per deduplication key and source: a second trigger adds an occurrence
create unique index page_open_dedup on page (dedup_scope, dedup_key) where status <> 'RESOLVED';
-- the escalation check reads only what is due
create index page_due on page (due_at) where due_at is not null;
create index page_open on page (opened_at desc) where status <> 'RESOLVED';

-- each Idempotency-Key seen on POST /api/pages and the page it answered: a repeat answers the same page and
-- changes nothing, whether the first request opened the page or added an occurrence to it
create table page_request (
    idempotency_key  varchar(200)  primary key,
    page_id          bigint        not null references page (id) on delete cascade,
    created_at       timestamptz   not null
);

-- every step of a page: opened, waiting, notified, skipped, escalated, acknowledged, resolved
create table page_log (
    id         bigserial      primary key,
    page_id    bigint         not null references page (id) on delete cascade,
    at         timestamptz    not null,
    kind       varchar(24)    not null,
    level      integer,
    person_id  bigint,
    detail     varchar(2000)  not null
);
create index page_log_by_page on page_log (page_id, id);
