#pragma once
// The Open311 GeoReport v2 wire formats, in one place: a document built once as ordered JSON and written as
// the spec's XML (lists wrapped in their plural element, one singular element per item) or as its JSON (the
// Spark convention: the same tree without the wrappers). Errors take the spec's <errors> form and its
// statuses: 404 for what does not exist, 403 for a missing or wrong api_key, 400 for anything else the
// client sent; 429 and 5xx keep their own.
#include <nlohmann/json.hpp>

#include <string>

#include "core/error.h"
#include "http/api.h"

namespace fishbowl::http::open311 {

enum class Format { xml, json };
const char* extension(Format f);  // "xml", "json"

using Doc = nlohmann::ordered_json;

// root: the XML root element ("services", "service_requests", "service_definition", "discovery").
Response document(Format f, int status, const std::string& root, const Doc& body);
int status_of(const Error& e);
Response error(Format f, const Error& e);

// A stored UTC time as the county's local time with its offset: "2026-12-04T15:20:00.000Z" ->
// "2026-12-04T23:20:00+08:00". Empty stays empty.
std::string local_datetime(const std::string& utc);
// Empty text as null, so that XML writes an empty element and JSON null.
Doc text_or_null(const std::string& s);

}  // namespace fishbowl::http::open311
