-- A page of a large scope, in id order, on H2: H2 uses an index for ORDER BY only when the order's column comes first,
-- so household_scope and household_status_scope give a country's or a status's matches to be gathered and sorted for
-- every page (20-35 ms for a country's status at 1,000,000 households), and the primary key's walk reads whole rows.
-- Here every household's id comes first with the columns the list filters on beside it: a page walks the households in
-- id order from these entries alone and stops once it is full (5-10 ms for a page 50 deep). PostgreSQL walks its own
-- household_status_walk (V13 there) and needs no such index.
create index household_walk on household(id, registration_status, org_path);
