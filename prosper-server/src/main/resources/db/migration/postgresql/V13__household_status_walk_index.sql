-- A page of a status within a scope, in id order: household_status_scope holds those households but not in id order,
-- so a page had to gather and sort every match (14,000 for a country's POOR at 1,000,000 households) or walk the
-- primary key reading every household's row to test it. Here one status's households are in id order with their path
-- beside them, so a page walks that status's index entries only as far as the page, without reading the table (at
-- 1,000,000 households, a page's query 5.2 -> 0.5 ms of database time for a country's or a district's status). Counting
-- the matches still uses household_status_scope, which holds exactly them.
create index household_status_walk on household(registration_status, id) include (org_path);
