-- Filing a field report in one call (one round trip, one transaction): a PL/pgSQL function, so each connection
-- parses and plans its statements once; parsing and planning one large statement per report cost more CPU than
-- running it. Called by reportRepository.submit; why, in docs/DECISIONS.md ("A report is filed by one database
-- function"). Each statement below looks its rows up by key (the commune by its bounding box; routing reads small
-- reference tables), so a plan kept for the connection stays right whatever the values and the table sizes.
--
-- Nothing is written and no reference number is taken unless the citizen still exists, the category is active,
-- the commune is found and every photo is the citizen's and unattached: the number is drawn from the year's
-- sequence (report_number_<year>) by the INSERT, after those checks. Locks: the citizen row first (key share,
-- as a merge of identities locks it before the photos), then the photos in id order (two submissions cannot
-- deadlock). A retry with the same key finds the report filed under it; a concurrent retry waits for the first
-- attempt's photo locks and then finds the photos attached, so it files nothing and takes no number (the caller
-- then answers with the report filed under the key). The unique key is the last guard: a different report sent
-- under one key at the same moment as the first is refused there, after its number was drawn.
--
-- Returns one row: the report already filed under the key, which checks passed (false from the first failed
-- one on), and the new report's id, code, commune, the names its reporter sees and its photos.
CREATE FUNCTION file_report(
  p_citizen_id uuid,
  p_idempotency_key text,
  p_request_hash text,
  p_category_id uuid,
  p_lat double precision,
  p_lng double precision,
  -- NULL: the commune whose boundary contains the point.
  p_commune_code text,
  p_photo_ids uuid[],
  p_description text,
  p_address_text text,
  p_accuracy_m real,
  p_location_source text,
  p_contact_phone text,
  p_hide_identity boolean,
  p_accept_due_at timestamptz,
  p_resolve_due_at timestamptz,
  p_source text,
  p_api_client_id uuid,
  p_media_url text,
  p_reporter_name text,
  p_reporter_email text,
  p_attributes jsonb,
  p_open311_token text,
  p_now timestamptz,
  p_year integer
) RETURNS TABLE (
  existing_id uuid,
  existing_hash text,
  citizen_ok boolean,
  category_ok boolean,
  place_ok boolean,
  route_ok boolean,
  photos_ok boolean,
  report_id uuid,
  report_code text,
  commune_code text,
  commune_name text,
  agency_name text,
  category_name text,
  photos jsonb
) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_point point := point(p_lng, p_lat);
  v_box box := box(point(p_lng, p_lat), point(p_lng, p_lat));
  v_agency_id uuid;
  v_photo_id uuid;
  v_owner uuid;
  v_attached_to uuid;
  v_photo record;
  v_position integer := 0;
BEGIN
  citizen_ok := false;
  category_ok := false;
  place_ok := false;
  route_ok := false;
  photos_ok := false;
  photos := '[]'::jsonb;

  SELECT r.id, r.request_hash INTO existing_id, existing_hash
  FROM reports r WHERE r.citizen_id = p_citizen_id AND r.idempotency_key = p_idempotency_key;
  IF FOUND THEN RETURN NEXT; RETURN; END IF;

  PERFORM 1 FROM citizens c WHERE c.id = p_citizen_id FOR KEY SHARE;
  citizen_ok := FOUND;
  IF NOT citizen_ok THEN RETURN NEXT; RETURN; END IF;

  SELECT c.name_vi INTO category_name FROM categories c WHERE c.id = p_category_id AND c.active;
  category_ok := FOUND;
  IF NOT category_ok THEN RETURN NEXT; RETURN; END IF;

  IF p_commune_code IS NULL THEN
    -- The bounding box first: the polygon test is the expensive one.
    SELECT b.commune_code INTO commune_code FROM commune_boundaries b
    WHERE b.bbox && v_box AND b.shape @> v_point
    ORDER BY b.commune_code
    LIMIT 1;
  ELSE
    SELECT m.code INTO commune_code FROM communes m WHERE m.code = p_commune_code;
  END IF;
  place_ok := FOUND;
  IF NOT place_ok THEN RETURN NEXT; RETURN; END IF;

  -- Routing: the commune's rule, else the province-wide rule (NULL commune), else the provincial dispatcher;
  -- inactive agencies never receive reports. The rules are managed by the routing module.
  SELECT c.id, c.name INTO v_agency_id, agency_name FROM (
    SELECT r.agency_id AS id, a.name, CASE WHEN r.commune_code IS NULL THEN 1 ELSE 0 END AS rank
    FROM routing_rules r JOIN agencies a ON a.id = r.agency_id
    WHERE r.category_id = p_category_id
      AND (r.commune_code = file_report.commune_code OR r.commune_code IS NULL)
      AND a.active
    UNION ALL
    SELECT a.id, a.name, 2 FROM agencies a WHERE a.kind = 'dispatcher' AND a.active
  ) c
  ORDER BY c.rank
  LIMIT 1;
  route_ok := FOUND;
  IF NOT route_ok THEN RETURN NEXT; RETURN; END IF;

  FOR v_photo_id IN SELECT DISTINCT u.id FROM unnest(p_photo_ids) AS u(id) ORDER BY u.id LOOP
    SELECT p.citizen_id, p.report_id INTO v_owner, v_attached_to
    FROM report_photos p WHERE p.id = v_photo_id FOR UPDATE;
    IF NOT FOUND OR v_owner IS DISTINCT FROM p_citizen_id OR v_attached_to IS NOT NULL THEN
      RETURN NEXT;
      RETURN;
    END IF;
  END LOOP;
  photos_ok := true;

  INSERT INTO reports (
    code, citizen_id, idempotency_key, request_hash, category_id, commune_code, agency_id, description,
    address_text, lat, lng, accuracy_m, location_source, contact_phone, hide_identity, accept_due_at,
    resolve_due_at, source, api_client_id, media_url, reporter_name, reporter_email, attributes,
    open311_token, created_at, updated_at)
  SELECT
    'PA-' || p_year || '-' || lpad(k.n::text, greatest(6, length(k.n::text)), '0'),
    p_citizen_id, p_idempotency_key, p_request_hash, p_category_id, file_report.commune_code, v_agency_id,
    p_description, p_address_text, p_lat, p_lng, p_accuracy_m, p_location_source, p_contact_phone,
    p_hide_identity, p_accept_due_at, p_resolve_due_at, p_source, p_api_client_id, p_media_url,
    p_reporter_name, p_reporter_email, p_attributes, p_open311_token, p_now, p_now
  FROM (SELECT nextval(format('report_number_%s', p_year)::regclass) AS n) k
  ON CONFLICT ON CONSTRAINT reports_idempotency_key DO NOTHING
  RETURNING reports.id, reports.code INTO report_id, report_code;
  IF NOT FOUND THEN RETURN NEXT; RETURN; END IF;

  -- In the order given: the first photo is the one lists show.
  FOREACH v_photo_id IN ARRAY p_photo_ids LOOP
    UPDATE report_photos p SET report_id = file_report.report_id, position = v_position
    WHERE p.id = v_photo_id
    RETURNING p.id, p.kind, p.width, p.height, p.hidden INTO v_photo;
    photos := photos || jsonb_build_array(jsonb_build_object('id', v_photo.id, 'kind', v_photo.kind,
      'width', v_photo.width, 'height', v_photo.height, 'hidden', v_photo.hidden));
    v_position := v_position + 1;
  END LOOP;

  INSERT INTO report_events (report_id, at, actor_type, actor_id, kind, to_status, visibility)
  VALUES (file_report.report_id, p_now, 'citizen', p_citizen_id, 'submitted', 'submitted', 'public');

  SELECT m.full_name INTO commune_name FROM communes m WHERE m.code = file_report.commune_code;
  RETURN NEXT;
END
$$;
