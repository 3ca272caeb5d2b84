-- A departmental file is imported once per country: two imports of the same file at once (a double click) both passed
-- the service's check for an earlier batch. A second batch of a file already imported counts each of its rows twice
-- (doubled medical costs and losses raise alerts the data does not support), so the duplicates made before are removed,
-- keeping the first batch of each file.
delete from monitoring_dept_record where batch_id in (
    select dup.id from monitoring_dept_batch dup
    join monitoring_dept_batch kept on kept.country_code = dup.country_code and kept.sha256 = dup.sha256 and kept.id < dup.id);
delete from monitoring_dept_batch where id in (
    select dup.id from monitoring_dept_batch dup
    join monitoring_dept_batch kept on kept.country_code = dup.country_code and kept.sha256 = dup.sha256 and kept.id < dup.id);
alter table monitoring_dept_batch add constraint monitoring_dept_batch_file unique (country_code, sha256);
