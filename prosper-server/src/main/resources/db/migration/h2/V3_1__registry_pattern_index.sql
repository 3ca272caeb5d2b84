create index org_unit_path on org_unit(path);
