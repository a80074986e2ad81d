-- What a service field covers, in a short text a citizen can read when choosing one (booking, kiosk): the
-- procedures people come for ("Cấp bản sao từ sổ gốc, chứng thực chữ ký…"). NULL: the centre has not said.
ALTER TABLE service_fields
  ADD COLUMN procedures text CHECK (char_length(procedures) BETWEEN 1 AND 500);
