-- The service catalogue. service_items holds what lists and filters need (the current version's name and kind
-- are copied there); service_item_versions holds every edition of the guide as canonical JSON, written once.
CREATE TABLE service_items (
  id {{id}},
  item_code TEXT NOT NULL UNIQUE,
  department_id BIGINT NOT NULL REFERENCES departments(id),
  region_id BIGINT NOT NULL REFERENCES regions(id),
  level TEXT NOT NULL CHECK (level IN ('county', 'town', 'village')),
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX service_items_department ON service_items(department_id);
CREATE INDEX service_items_region ON service_items(region_id, level);

CREATE TABLE service_item_versions (
  item_id BIGINT NOT NULL REFERENCES service_items(id),
  version INTEGER NOT NULL,
  guide TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  PRIMARY KEY (item_id, version)
);
