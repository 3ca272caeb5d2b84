-- LIKE 'prefix%' on the org path needs a pattern-ops index on PostgreSQL unless the collation is C.
create index household_scope_pattern on household(org_path varchar_pattern_ops, id);
create index org_unit_path_pattern on org_unit(path varchar_pattern_ops);
