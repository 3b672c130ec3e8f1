-- Full-text search for agents (TicketSearch): a ticket's subject (weight A) and description (B), and every comment's
-- body, public replies and internal notes alike, each as a stored tsvector with a GIN index, so a search reads the
-- index and ranks without re-parsing text. English stemming: "deploying" finds "deploy". Adding a stored column rewrites
-- each table once (an ACCESS EXCLUSIVE lock for the length of the rewrite: seconds per 100,000 rows here).
alter table ticket add column search tsvector generated always as (
    setweight(to_tsvector('english', subject), 'A') || setweight(to_tsvector('english', coalesce(description, '')), 'B')) stored;
create index ticket_search on ticket using gin (search);
alter table ticket_comment add column search tsvector generated always as (to_tsvector('english', body)) stored;
create index ticket_comment_search on ticket_comment using gin (search);
