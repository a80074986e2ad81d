-- The citizen's user id as the province's Official Account knows it. Zalo ids are scoped: /v2.0/me gives the
-- mini app's id (citizens.zalo_id), while OA messages need the OA's own id of the same person (zmp-sdk
-- getUserInfo().idByOA once they follow the OA). The server stores it only after the OA's user detail API
-- confirmed that it belongs to this citizen's Zalo account (its user_id_by_app equals zalo_id).
ALTER TABLE citizens
  ADD COLUMN zalo_oa_user_id text CHECK (zalo_oa_user_id ~ '^[0-9]{1,32}$'),
  ADD CONSTRAINT citizens_zalo_oa_user_needs_zalo CHECK (zalo_oa_user_id IS NULL OR zalo_id IS NOT NULL);

-- A sign-in that merges a device identity into a Zalo one renames the device's timeline entries
-- (report_events.actor_id); without this it reads the whole event table for every merge.
CREATE INDEX report_events_citizen_actor_idx ON report_events (actor_id) WHERE actor_type = 'citizen';
