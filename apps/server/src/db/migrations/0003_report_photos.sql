-- Photos of field reports. A citizen uploads each photo first (slow networks: one small request at a
-- time, retried on its own), then names the photo ids when submitting the report.

CREATE TABLE report_photos (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  citizen_id   uuid REFERENCES citizens (id),
  report_id    uuid REFERENCES reports (id) ON DELETE CASCADE,
  kind         text NOT NULL DEFAULT 'before' CHECK (kind IN ('before', 'after')),
  position     integer NOT NULL DEFAULT 0,
  file_key     text NOT NULL,
  thumb_key    text NOT NULL,
  width        integer NOT NULL,
  height       integer NOT NULL,
  bytes        integer NOT NULL,
  -- Where the camera said it was taken (read before EXIF is stripped from the stored copy).
  exif_lat     double precision,
  exif_lng     double precision,
  -- A dispatcher may hide a photo that shows personal data before publication.
  hidden       boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_photos_report_idx ON report_photos (report_id, kind, position);
CREATE INDEX report_photos_unattached_idx ON report_photos (citizen_id, created_at) WHERE report_id IS NULL;
