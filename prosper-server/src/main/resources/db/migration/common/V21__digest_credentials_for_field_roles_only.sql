-- A Digest HA1 (MD5 of user:realm:password, unsalted) opens the OpenRosa endpoints by itself and is quickly cracked if the
-- table leaks. It is kept only for the roles that collect data with survey apps; others sign in there with Basic (bcrypt).
update app_user set digest_ha1 = null where role not in ('ENUMERATOR', 'LOCAL_OFFICER');
