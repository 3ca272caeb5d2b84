-- An alert's reason in its country's own language (Khmer, Lao, Thai, ...) where the profile explains the rule in it, for
-- officers who read the pages in that language; null where it does not (and for China, whose reason_zh is that).
alter table monitoring_alert add column reason_local varchar(1000);
