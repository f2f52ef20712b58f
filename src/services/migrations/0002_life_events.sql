-- The life events (人生事件, 企业事件) of the current version's guide, copied for the portal's filter as
-- "|出生|上学|" so that one LIKE finds an event whatever its position.
ALTER TABLE service_items ADD COLUMN life_events TEXT NOT NULL DEFAULT '';
