-- Handling of field reports by agencies: assignment, answers, rejection, publication, rating, reopening.

ALTER TABLE reports
  ADD COLUMN assigned_officer_id uuid REFERENCES staff_users (id),
  ADD COLUMN public_answer text CHECK (char_length(public_answer) <= 4000),
  ADD COLUMN rejection_reason text CHECK (rejection_reason IN ('duplicate', 'out_of_scope', 'invalid', 'insufficient_information')),
  ADD COLUMN duplicate_of uuid REFERENCES reports (id),
  ADD COLUMN accepted_at timestamptz,
  ADD COLUMN resolved_at timestamptz,
  ADD COLUMN published_at timestamptz,
  ADD COLUMN rating smallint CHECK (rating BETWEEN 1 AND 5),
  ADD COLUMN rated_at timestamptz,
  ADD COLUMN reopen_count integer NOT NULL DEFAULT 0,
  -- A rejected duplicate must name the report it duplicates; a resolution must carry a public answer.
  ADD CONSTRAINT reports_duplicate_named CHECK (rejection_reason IS DISTINCT FROM 'duplicate' OR duplicate_of IS NOT NULL),
  ADD CONSTRAINT reports_resolution_answered CHECK (status NOT IN ('resolved', 'published') OR public_answer IS NOT NULL);

CREATE INDEX reports_assigned_idx ON reports (assigned_officer_id) WHERE assigned_officer_id IS NOT NULL;
-- Diacritic-insensitive search over the description in the staff inbox.
CREATE INDEX reports_description_search_idx ON reports USING gin (lower(f_unaccent(description)) gin_trgm_ops);

-- Overdue handling: when the job marked the report overdue (agency manager told) and escalated it (dispatcher
-- told). Cleared when a new deadline starts (acceptance, reopening, transfer).
ALTER TABLE reports
  ADD COLUMN overdue_notified_at timestamptz,
  ADD COLUMN escalated_at timestamptz;

-- Verifiable closure: categories whose resolutions must show an after-photo.
ALTER TABLE categories ADD COLUMN requires_after_photo boolean NOT NULL DEFAULT false;

-- Photos the agency took: no citizen, attached to the report as soon as they are uploaded.
ALTER TABLE report_photos ADD COLUMN staff_user_id uuid REFERENCES staff_users (id);

-- Answers officers start from; a NULL category is a template for every category.
CREATE TABLE response_templates (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  category_id  uuid REFERENCES categories (id) ON DELETE CASCADE,
  title        text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
  body         text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX response_templates_category_idx ON response_templates (category_id);

-- Citizens who chose to follow someone else's report instead of filing a duplicate.
CREATE TABLE report_followers (
  report_id   uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  citizen_id  uuid NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (report_id, citizen_id)
);
CREATE INDEX report_followers_citizen_idx ON report_followers (citizen_id, created_at DESC);

-- Transactional outbox: every public event of a report is queued here in the transaction that makes it;
-- the deliver-notifications job turns it into notifications for the reporter and the followers.
CREATE TABLE notification_outbox (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id     uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  event_id      bigint NOT NULL UNIQUE REFERENCES report_events (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  processed_at  timestamptz
);
CREATE INDEX notification_outbox_pending_idx ON notification_outbox (id) WHERE processed_at IS NULL;

CREATE TABLE citizen_notifications (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  citizen_id  uuid NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
  report_id   uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  event_id    bigint NOT NULL REFERENCES report_events (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz,
  -- Delivering an outbox row twice (a job retried) must not notify twice.
  UNIQUE (citizen_id, event_id)
);
CREATE INDEX citizen_notifications_citizen_idx ON citizen_notifications (citizen_id, created_at DESC);

CREATE TABLE staff_notifications (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  staff_user_id  uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  report_id      uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('overdue', 'escalated', 'assigned', 'returned', 'reopened')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  read_at        timestamptz
);
CREATE INDEX staff_notifications_user_idx ON staff_notifications (staff_user_id, created_at DESC);

-- Public list: published results, newest first.
CREATE INDEX reports_published_idx ON reports (published_at DESC) WHERE published_at IS NOT NULL;
