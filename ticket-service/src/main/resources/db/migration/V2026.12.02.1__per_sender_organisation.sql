-- A sender on a public or unconfigured mail domain is only their own requester: their tickets' organisation is
-- 'sender:' and their whole address (up to 320 characters), never truncated, since a cut value could match another sender.
alter table ticket alter column organisation type varchar(330);
