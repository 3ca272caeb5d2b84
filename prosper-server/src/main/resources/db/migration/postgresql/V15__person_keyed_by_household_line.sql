-- A member is found by its household and line (members of a household, in line order); nothing looks a person up by
-- id or refers to it (members are written again with their household on every change), so the index on id served no
-- query and cost every written person an index entry: at 1,000,000 households (3.9M persons) its build was 1.3-1.9 s
-- of an exclusive load's ~10 s of index builds, and the ordinary way kept it up to date row by row. The id column stays
-- (drawn from its identity sequence, shown with each member); (household_id, line_no), unique already, becomes the key.
alter table person drop constraint person_pkey;
alter table person drop constraint person_household_id_line_no_key;
alter table person add constraint person_pkey primary key (household_id, line_no);
