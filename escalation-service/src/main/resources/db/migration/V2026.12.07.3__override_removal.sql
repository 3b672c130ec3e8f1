-- An override is removed with a reason, and kept: who removed it, when and why stay on record (the rota's history),
-- while every schedule reads only the overrides not removed (RotaOverrideEntry's restriction).
alter table rota_override
    add column removed_at timestamptz,
    add column removed_by varchar(320),
    add column removed_reason varchar(500);
