-- Bulk import cost on PostgreSQL. A foreign key checks each inserted row with a query of its own: for an imported
-- household that is one check against org_unit and one per member against household, about 40% of the database's CPU
-- per household in a side measurement with COPY. The same rules are kept here, checked once per statement over all
-- of its rows (transition tables), with the same row locks a foreign key takes, so a concurrent delete still waits.
--
-- household(org_path, id) is redundant on PostgreSQL: LIKE 'prefix%' and equality use household_scope_pattern.
drop index if exists household_scope;

alter table person drop constraint if exists person_household_id_fkey;
alter table household drop constraint if exists household_org_unit_id_fkey;

create function registry_person_household_check() returns trigger language plpgsql as $$
begin
    -- FOR KEY SHARE as a foreign key does: a household cannot be deleted until this transaction ends
    perform 1 from household h where h.id in (select household_id from new_rows) for key share of h;
    if exists (select 1 from new_rows n where not exists (select 1 from household h where h.id = n.household_id)) then
        raise foreign_key_violation using message = 'person refers to a household that does not exist',
            detail = (select 'household_id ' || n.household_id from new_rows n
                      where not exists (select 1 from household h where h.id = n.household_id) limit 1);
    end if;
    return null;
end $$;
create trigger person_household_insert after insert on person referencing new table as new_rows
    for each statement execute function registry_person_household_check();
create trigger person_household_update after update on person referencing new table as new_rows
    for each statement execute function registry_person_household_check();

create function registry_household_delete_members() returns trigger language plpgsql as $$
begin
    delete from person where household_id in (select id from old_rows);
    return null;
end $$;
create trigger household_delete_members after delete on household referencing old table as old_rows
    for each statement execute function registry_household_delete_members();

create function registry_household_unit_check() returns trigger language plpgsql as $$
begin
    perform 1 from org_unit u where u.id in (select org_unit_id from new_rows) for key share of u;
    if exists (select 1 from new_rows n where not exists (select 1 from org_unit u where u.id = n.org_unit_id)) then
        raise foreign_key_violation using message = 'household refers to an org unit that does not exist',
            detail = (select 'org_unit_id ' || n.org_unit_id from new_rows n
                      where not exists (select 1 from org_unit u where u.id = n.org_unit_id) limit 1);
    end if;
    return null;
end $$;
create trigger household_unit_insert after insert on household referencing new table as new_rows
    for each statement execute function registry_household_unit_check();
create trigger household_unit_update after update on household referencing new table as new_rows
    for each statement execute function registry_household_unit_check();

create function registry_org_unit_households() returns trigger language plpgsql as $$
begin
    if exists (select 1 from household h where h.org_unit_id in (select id from old_rows)) then
        raise foreign_key_violation using message = 'org unit is still referenced by households';
    end if;
    return null;
end $$;
create trigger org_unit_households_delete after delete on org_unit referencing old table as old_rows
    for each statement execute function registry_org_unit_households();
