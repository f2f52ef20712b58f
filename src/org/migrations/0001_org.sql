-- {{id}} is the dialect's auto-numbered 64-bit primary key (storage/dialect.h).
-- Regions form the county → town → village tree. path is the materialised ancestry ("/1/4/17/") so that
-- "inside this scope" is a prefix test on one indexed column.
CREATE TABLE regions (
  id {{id}},
  parent_id BIGINT REFERENCES regions(id),
  level TEXT NOT NULL CHECK (level IN ('county', 'town', 'village')),
  kind TEXT NOT NULL CHECK (kind IN ('county', 'district', 'town', 'township', 'subdistrict', 'village', 'community')),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  path TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX regions_parent ON regions(parent_id);
CREATE INDEX regions_path ON regions(path);

CREATE TABLE departments (
  id {{id}},
  region_id BIGINT NOT NULL REFERENCES regions(id),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (region_id, name)
);

CREATE TABLE service_points (
  id {{id}},
  region_id BIGINT NOT NULL REFERENCES regions(id),
  kind TEXT NOT NULL CHECK (kind IN ('hall', 'center', 'room', 'social_affairs_center')),
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  hours TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX service_points_region ON service_points(region_id);

CREATE TABLE windows (
  id {{id}},
  service_point_id BIGINT NOT NULL REFERENCES service_points(id),
  number INTEGER NOT NULL,
  name TEXT NOT NULL,
  department_id BIGINT REFERENCES departments(id),
  created_at TEXT NOT NULL,
  UNIQUE (service_point_id, number)
);
