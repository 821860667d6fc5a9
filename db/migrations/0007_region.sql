-- The administrative region (01 Bas-Saint-Laurent … 17 Centre-du-Québec) of an installation, a BC
-- or an RSGE: the ministry's network occupation view (issue 5) groups providers by region.
ALTER TABLE organizations ADD COLUMN region TEXT;
