-- A person's household is locked FOR KEY SHARE, as a foreign key would, so that it cannot be deleted before the
-- person's transaction ends. A household this transaction wrote itself (an import's, whose members follow it in the
-- same transaction) needs no such lock: no other transaction can see it, let alone delete it. Locking them cost a
-- WAL record and a dirtied page per imported household, a fifth of the database's time for an import's members. The
-- check now looks the statement's households up once; only when one is missing or was written by another transaction
-- does it take the locks and check as before.
create or replace function registry_person_household_check() returns trigger language plpgsql as $$
declare
    mine constant bigint := txid_current() % 4294967296; -- this transaction's xid as xmin holds it (without the epoch)
    others boolean;
begin
    select bool_or(h.id is null or h.xmin::text::bigint <> mine) into others
      from (select distinct household_id from new_rows) n left join household h on h.id = n.household_id;
    if others then
        -- FOR KEY SHARE as a foreign key does: a household cannot be deleted until this transaction ends
        perform 1 from household h where h.id in (select household_id from new_rows) for key share of h;
        if exists (select 1 from new_rows n where not exists (select 1 from household h where h.id = n.household_id)) then
            raise foreign_key_violation using message = 'person refers to a household that does not exist',
                detail = (select 'household_id ' || n.household_id from new_rows n
                          where not exists (select 1 from household h where h.id = n.household_id) limit 1);
        end if;
    end if;
    return null;
end $$;
