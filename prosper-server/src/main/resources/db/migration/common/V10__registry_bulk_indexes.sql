-- person(household_id) duplicates the leading column of unique(household_id, line_no), which serves the same lookups
-- (members of a household, the foreign key's deletes). Every index costs each bulk-imported person a write: measured
-- on PostgreSQL COPY, dropping this one saves about a fifth of the database's CPU per imported household.
drop index if exists person_household;
