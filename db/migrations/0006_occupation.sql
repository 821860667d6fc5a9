-- The occupation engine (issue 5) reads every dossier's age brackets, periods and agreements with
-- their schedules: `occupation` holds that part as short text (src/occupation/rules.hpp,
-- occupation_text), written with `data` by every save, so that a province-wide report need not
-- read each dossier's JSON. Rows saved before it have NULL there: the engine reads their JSON.
ALTER TABLE dossiers ADD COLUMN occupation TEXT;
CREATE INDEX dossiers_rsge ON dossiers (rsge_id);
