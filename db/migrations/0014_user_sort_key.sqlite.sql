-- The audit log sorted by "Par" in French order (issue 13): each user keeps a folded key of their
-- name (text::search_key of the surname, a tab, of the given name), as dossiers do (0012); written
-- by store::add_user. Existing rows are folded here the way text::search_key folds (as in 0012).
ALTER TABLE users ADD COLUMN sort_key TEXT;
UPDATE users SET sort_key = COALESCE(surname, '') || char(9) || COALESCE(given_name, '');
UPDATE users SET sort_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(sort_key, 'À', 'a'), 'Á', 'a'), 'Â', 'a'), 'Ã', 'a'), 'Ä', 'a'), 'Å', 'a'), 'Æ', 'ae'), 'Ç', 'c'), 'È', 'e'), 'É', 'e'), 'Ê', 'e'), 'Ë', 'e');
UPDATE users SET sort_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(sort_key, 'Ì', 'i'), 'Í', 'i'), 'Î', 'i'), 'Ï', 'i'), 'Ð', 'd'), 'Ñ', 'n'), 'Ò', 'o'), 'Ó', 'o'), 'Ô', 'o'), 'Õ', 'o'), 'Ö', 'o'), '×', 'x');
UPDATE users SET sort_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(sort_key, 'Ø', 'o'), 'Ù', 'u'), 'Ú', 'u'), 'Û', 'u'), 'Ü', 'u'), 'Ý', 'y'), 'Þ', 'th'), 'ß', 'ss'), 'à', 'a'), 'á', 'a'), 'â', 'a'), 'ã', 'a');
UPDATE users SET sort_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(sort_key, 'ä', 'a'), 'å', 'a'), 'æ', 'ae'), 'ç', 'c'), 'è', 'e'), 'é', 'e'), 'ê', 'e'), 'ë', 'e'), 'ì', 'i'), 'í', 'i'), 'î', 'i'), 'ï', 'i');
UPDATE users SET sort_key = replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(sort_key, 'ð', 'd'), 'ñ', 'n'), 'ò', 'o'), 'ó', 'o'), 'ô', 'o'), 'õ', 'o'), 'ö', 'o'), '÷', '/'), 'ø', 'o'), 'ù', 'u'), 'ú', 'u'), 'û', 'u');
UPDATE users SET sort_key = replace(replace(replace(replace(replace(replace(replace(sort_key, 'ü', 'u'), 'ý', 'y'), 'þ', 'th'), 'ÿ', 'y'), 'Œ', 'oe'), 'œ', 'oe'), 'Ÿ', 'y');
UPDATE users SET sort_key = lower(sort_key);
CREATE INDEX users_sort_key ON users (sort_key);
