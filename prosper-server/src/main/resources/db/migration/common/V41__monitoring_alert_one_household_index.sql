-- An alert's household is found through the unique index on (household_id, rule_id, fingerprint, first_run_id), which
-- leads with household_id: the index on (household_id, id) served no query the other does not (a household has a few
-- alerts to sort by id) and cost every alert written a fifth index entry, seconds in a first national run.
drop index monitoring_alert_household;
