-- Zalo identity: when a citizen was tied to a Zalo account (zalo_id itself exists since 0002), and the phone
-- number Zalo verified for them (booking prefill, ZNS messages). Only the server writes these, after checking
-- the token with Zalo; the number is kept in the national form 0xxxxxxxxx.
ALTER TABLE citizens
  ADD COLUMN zalo_linked_at timestamptz,
  ADD COLUMN zalo_phone text CHECK (zalo_phone ~ '^0[0-9]{9}$'),
  ADD COLUMN zalo_phone_verified_at timestamptz,
  ADD CONSTRAINT citizens_zalo_phone_verified CHECK ((zalo_phone IS NULL) = (zalo_phone_verified_at IS NULL)),
  ADD CONSTRAINT citizens_zalo_phone_needs_zalo CHECK (zalo_phone IS NULL OR zalo_id IS NOT NULL);

UPDATE citizens SET zalo_linked_at = created_at WHERE zalo_id IS NOT NULL;
