-- The referral job (issue 15, free places): the day a referral's reminder is due (the working day
-- before its deadline, referral_rules.hpp), and when the job last found too few children fitting a
-- place (the next pass looks again 15 minutes later; a declaration or an answer at once).
ALTER TABLE referrals ADD COLUMN remind_on TEXT;
ALTER TABLE free_places ADD COLUMN short_at TEXT;
CREATE INDEX referrals_remind ON referrals (state, respond_by);
-- Who is told of a referral at a provider: the staff holding manage_admissions there.
CREATE INDEX user_rights_organization ON user_rights (organization_id, right_name);
