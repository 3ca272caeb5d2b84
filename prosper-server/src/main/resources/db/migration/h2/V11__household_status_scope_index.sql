-- The list's most common filter is the registration status inside a scope (a country, a district, a village): this
-- index gives exactly those households, so that the (capped) count and the page need not visit the rest of a
-- national registry.
create index household_status_scope on household(registration_status, org_path, id);
