-- Alerts are listed and counted inside a scope by org_path LIKE 'prefix%', which an index in the database's collation
-- cannot serve unless that collation is C: the index on (org_path, id) served no query, and every alert written paid
-- for comparing its path by the collation's rules. varchar_pattern_ops compares bytes, and serves the scope's LIKE.
-- (H2 keeps its index on (org_path, id): it serves LIKE 'prefix%' there.)
drop index monitoring_alert_scope;
create index monitoring_alert_scope_pattern on monitoring_alert(org_path varchar_pattern_ops, id);
