-- The dossier list (and its count) reads only these columns, in this order: an index that holds
-- them all answers it without reading the table, whose rows hold each dossier's JSON (`data`,
-- several pages long, stored before the listed columns). It replaces dossiers_list.
CREATE INDEX dossiers_list_covering ON dossiers (organization_id, child_surname, child_given_name,
  ref, search_key, age_bracket, status, birth_date, nirec, necsg, first_start, last_end, rsge_id);
DROP INDEX dossiers_list;
