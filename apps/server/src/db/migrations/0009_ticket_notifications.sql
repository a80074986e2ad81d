-- Queue notifications for citizens with a booked ticket: "3 people ahead" and "called to counter N".
-- They share the in-app notification list with report updates.

ALTER TABLE citizen_notifications
  ALTER COLUMN report_id DROP NOT NULL,
  ALTER COLUMN event_id DROP NOT NULL,
  ADD COLUMN ticket_id uuid REFERENCES tickets (id) ON DELETE CASCADE,
  ADD COLUMN kind text CHECK (kind IN ('queue_soon', 'queue_called')),
  ADD CONSTRAINT citizen_notifications_subject CHECK (
    (report_id IS NOT NULL AND event_id IS NOT NULL AND ticket_id IS NULL)
    OR (ticket_id IS NOT NULL AND kind IS NOT NULL AND report_id IS NULL)
  );
-- Each queue notification at most once per ticket, however often counters call.
CREATE UNIQUE INDEX citizen_notifications_ticket_once ON citizen_notifications (ticket_id, kind) WHERE ticket_id IS NOT NULL;
