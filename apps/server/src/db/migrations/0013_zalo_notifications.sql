-- Zalo delivery of citizens' in-app notifications: ZNS template messages (to the phone Zalo verified) or
-- Official Account messages (to the Zalo user), for citizens who opted in. The in-app notification stays the
-- record; a delivery only mirrors it.

-- When the citizen turned Zalo notifications on (NULL = off). Only notifications made after it go out.
ALTER TABLE citizens ADD COLUMN zalo_notify_opt_in_at timestamptz;

-- The one settings row. Nothing is sent until an administrator picks a channel.
CREATE TABLE zalo_settings (
  id          boolean PRIMARY KEY DEFAULT true CHECK (id),
  channel     text NOT NULL DEFAULT 'off' CHECK (channel IN ('off', 'zns', 'oa')),
  updated_by  uuid REFERENCES staff_users (id) ON DELETE SET NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO zalo_settings DEFAULT VALUES;

-- The approved ZNS template of each notification kind; a kind without a row is not sent by ZNS.
CREATE TABLE zalo_zns_templates (
  kind         text PRIMARY KEY CHECK (kind IN ('report_status', 'queue_soon', 'queue_called')),
  template_id  text NOT NULL CHECK (template_id ~ '^[0-9]{1,20}$')
);

-- The Official Account's tokens, sealed with the server secret. Zalo rotates the refresh token on every use
-- (the old one stops working), so the new one is saved in the same statement that records the access token.
-- `config_token_sha256` remembers which ZALO_OA_REFRESH_TOKEN was adopted, so a new one in the environment
-- replaces the stored chain while an unchanged one does not undo the rotations.
CREATE TABLE zalo_oa_tokens (
  id                   boolean PRIMARY KEY DEFAULT true CHECK (id),
  refresh_token        text NOT NULL,
  access_token         text,
  access_expires_at    timestamptz,
  source               text NOT NULL CHECK (source IN ('config', 'admin', 'rotated')),
  config_token_sha256  bytea,
  last_error           text,
  updated_at           timestamptz NOT NULL DEFAULT now()
);

-- The delivery log: one row per in-app notification of an opted-in, Zalo-linked citizen.
CREATE TABLE zalo_deliveries (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  notification_id  uuid NOT NULL REFERENCES citizen_notifications (id) ON DELETE CASCADE,
  kind             text NOT NULL CHECK (kind IN ('report_status', 'queue_soon', 'queue_called')),
  channel          text NOT NULL CHECK (channel IN ('off', 'zns', 'oa')),
  status           text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- Pending rows: when the next attempt may start. A worker that takes a row moves it ahead (a lease), so a
  -- second worker does not send the same message while the first is still talking to Zalo.
  next_attempt_at  timestamptz,
  last_error_code  text,
  last_error       text CHECK (char_length(last_error) <= 500),
  zalo_msg_id      text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  -- A notification is delivered at most once, however often or concurrently the job runs.
  CONSTRAINT zalo_deliveries_notification_key UNIQUE (notification_id),
  CONSTRAINT zalo_deliveries_due_set CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL)),
  CONSTRAINT zalo_deliveries_sent_at CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX zalo_deliveries_due_idx ON zalo_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX zalo_deliveries_log_idx ON zalo_deliveries (created_at DESC, id);
CREATE INDEX zalo_deliveries_status_idx ON zalo_deliveries (status, created_at DESC, id);

-- The job looks for new notifications in a recent window; this keeps that scan small.
CREATE INDEX citizen_notifications_created_idx ON citizen_notifications (created_at);
