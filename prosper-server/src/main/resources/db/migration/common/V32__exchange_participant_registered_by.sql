-- Who registered a participant (a user's id). A local officer who registers the village leaders of a study visit applies
-- and gives feedback for them; the leaders' records stay their own (user_id is the participant's own account, if any).
alter table ex_participant add column registered_by bigint;
