-- A routing key grades its events either with a fixed priority (uptime checks, smoke tests) or by mapping the
-- sender's severity. The old default mapped 'error' (what Alertmanager sends unless told otherwise) to P2, which
-- wakes nobody out of hours; keys still on that default move to the new one (error -> P1). Keys an admin mapped
-- differently keep their mapping.
alter table routing_key add column fixed_priority varchar(2);
alter table routing_key add constraint routing_key_fixed_priority check (fixed_priority in ('P1', 'P2', 'P3', 'P4'));
update routing_key set severity_mapping = 'critical=P1,error=P1,warning=P3,info=P4'
 where severity_mapping = 'critical=P1,error=P2,warning=P3,info=P4';

-- why a page has its priority (the routing key's grading, or who asked), shown with the page and in its log
alter table page add column graded_because varchar(500);
