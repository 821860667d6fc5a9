-- The dossier list shows (and filters by) the age bracket in force today, not the last one
-- declared (issue 12, item 13): each bracket's effective date is kept (brackets come in this order,
-- DOS-20), taken from each dossier's JSON, and the list's covering index (0008) holds them.
ALTER TABLE dossiers ADD COLUMN infant_from TEXT;
ALTER TABLE dossiers ADD COLUMN toddler_from TEXT;
ALTER TABLE dossiers ADD COLUMN school_from TEXT;
UPDATE dossiers SET
  infant_from = (SELECT json_extract(b.value, '$.start') FROM json_each(dossiers.data, '$.age_brackets') b
                 WHERE json_extract(b.value, '$.bracket') = '0-17'),
  toddler_from = (SELECT json_extract(b.value, '$.start') FROM json_each(dossiers.data, '$.age_brackets') b
                  WHERE json_extract(b.value, '$.bracket') = '18-59'),
  school_from = (SELECT json_extract(b.value, '$.start') FROM json_each(dossiers.data, '$.age_brackets') b
                 WHERE json_extract(b.value, '$.bracket') = 'school')
  WHERE json_valid(data);
DROP INDEX dossiers_list_covering;
ALTER TABLE dossiers DROP COLUMN age_bracket;
CREATE INDEX dossiers_list_covering ON dossiers (organization_id, child_surname, child_given_name,
  ref, search_key, infant_from, toddler_from, school_from, status, birth_date, nirec, necsg,
  first_start, last_end, rsge_id);
