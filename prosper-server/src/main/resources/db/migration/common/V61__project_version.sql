-- Optimistic locking: every change to a project adds one; a full save naming an older version is refused.
alter table project add column version int not null default 0;
