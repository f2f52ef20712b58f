-- What an organ's staff enter for its annual report, per year: the texts and the figures the system does not
-- hold (penalties, enforcement, fees, administrative review and lawsuits), as one JSON object. organ is
-- "department:<id>" or "region:<id>".
CREATE TABLE annual_report_inputs (
  organ TEXT NOT NULL,
  year INTEGER NOT NULL,
  inputs TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (organ, year)
);
