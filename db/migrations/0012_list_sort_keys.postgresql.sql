-- The lists' French order (issue 13): "Bélanger" before "Boucher", "É" with "E", case ignored,
-- on both engines. Each dossier keeps a folded key of the child's name (text::search_key of the
-- surname, a tab, of the given name: a tab sorts before any letter, space or hyphen, so "Roy, Zoé"
-- comes before "Roy-Audy"); the list orders by it, and its covering index (0011) now starts with
-- it. Existing rows are folded here the way text::search_key folds: the Latin-1 letters and Œ, Ÿ
-- replaced a few at a time (SQLite's parser refuses deeper nesting), then ASCII case.
-- The keys compare byte by byte (COLLATE "C"), as on SQLite, whatever the database's locale.
ALTER TABLE dossiers ADD COLUMN sort_key TEXT COLLATE "C";
UPDATE dossiers SET sort_key = COALESCE(child_surname, '') || chr(9) || COALESCE(child_given_name, '');
UPDATE dossiers SET sort_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(sort_key, 'À', 'a'), 'Á', 'a'), 'Â', 'a'), 'Ã', 'a'), 'Ä', 'a'), 'Å', 'a'), 'Æ', 'ae'), 'Ç', 'c'), 'È', 'e'), 'É', 'e'), 'Ê', 'e'), 'Ë', 'e');
UPDATE dossiers SET sort_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(sort_key, 'Ì', 'i'), 'Í', 'i'), 'Î', 'i'), 'Ï', 'i'), 'Ð', 'd'), 'Ñ', 'n'), 'Ò', 'o'), 'Ó', 'o'), 'Ô', 'o'), 'Õ', 'o'), 'Ö', 'o'), '×', 'x');
UPDATE dossiers SET sort_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(sort_key, 'Ø', 'o'), 'Ù', 'u'), 'Ú', 'u'), 'Û', 'u'), 'Ü', 'u'), 'Ý', 'y'), 'Þ', 'th'), 'ß', 'ss'), 'à', 'a'), 'á', 'a'), 'â', 'a'), 'ã', 'a');
UPDATE dossiers SET sort_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(sort_key, 'ä', 'a'), 'å', 'a'), 'æ', 'ae'), 'ç', 'c'), 'è', 'e'), 'é', 'e'), 'ê', 'e'), 'ë', 'e'), 'ì', 'i'), 'í', 'i'), 'î', 'i'), 'ï', 'i');
UPDATE dossiers SET sort_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(sort_key, 'ð', 'd'), 'ñ', 'n'), 'ò', 'o'), 'ó', 'o'), 'ô', 'o'), 'õ', 'o'), 'ö', 'o'), '÷', '/'), 'ø', 'o'), 'ù', 'u'), 'ú', 'u'), 'û', 'u');
UPDATE dossiers SET sort_key = replace(replace(replace(replace(replace(replace(replace(sort_key, 'ü', 'u'), 'ý', 'y'), 'þ', 'th'), 'ÿ', 'y'), 'Œ', 'oe'), 'œ', 'oe'), 'Ÿ', 'y');
UPDATE dossiers SET sort_key = lower(sort_key);
DROP INDEX dossiers_list_covering;
CREATE INDEX dossiers_list_covering ON dossiers (organization_id, sort_key, ref, child_surname,
  child_given_name, search_key, infant_from, toddler_from, school_from, status, birth_date, nirec,
  necsg, first_start, last_end, rsge_id);
