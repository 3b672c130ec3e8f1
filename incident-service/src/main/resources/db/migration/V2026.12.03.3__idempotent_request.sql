-- POST /api/incidents keeps its Idempotency-Keys in the kernel's idempotent_request (V2026.12.03.2). The scoped keys
-- (k1:, a digest of route, caller and key) move there unchanged, so a retry across the upgrade still answers its
-- incident; raw keys from before scoping matched nothing any more and are dropped.
insert into idempotent_request (key_digest, route, resource_kind, resource_id, created_at)
select idempotency_key, 'POST /api/incidents', 'incident', incident_id, created_at from incident_request where idempotency_key like 'k1:%';
drop table incident_request;
