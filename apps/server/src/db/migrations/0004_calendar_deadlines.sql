-- Working calendar and report deadlines.

-- Exceptions to the normal week (Monday-Friday working): public holidays and official closures (working =
-- false), and weekend days swapped into working days (working = true). Seeded from the date-holidays
-- library; admins add the official Tết break and swaps, which are decided each year.
CREATE TABLE calendar_days (
  day         date PRIMARY KEY,
  working     boolean NOT NULL,
  name        text NOT NULL,
  source      text NOT NULL CHECK (source IN ('library', 'admin')),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Per category and priority: working hours to accept and to resolve. Missing rows fall back to defaults
-- (accept 8 h; resolve: urgent 4 h, normal = the category's default, complex = twice that).
CREATE TABLE category_deadlines (
  category_id    uuid NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
  priority       text NOT NULL CHECK (priority IN ('urgent', 'normal', 'complex')),
  accept_hours   integer NOT NULL CHECK (accept_hours > 0),
  resolve_hours  integer NOT NULL CHECK (resolve_hours > 0),
  PRIMARY KEY (category_id, priority)
);

ALTER TABLE reports
  ADD COLUMN accept_due_at timestamptz,
  ADD COLUMN resolve_due_at timestamptz;
CREATE INDEX reports_resolve_due_idx ON reports (resolve_due_at) WHERE status IN ('submitted', 'accepted', 'in_progress', 'reopened');
