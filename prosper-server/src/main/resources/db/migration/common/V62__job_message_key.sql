-- A job's progress line also as a key of the message bundles with its values, so that a page shows it in the reader's
-- language; message keeps the English text the API answers.
alter table job add column message_key varchar(100);
alter table job add column message_args varchar(1000);
