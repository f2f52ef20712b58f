#pragma once
// The hotline as Open311 GeoReport v2 sees it: ticket categories are its services, a ticket is a service
// request (its ticket_no the service_request_id), and clients that file requests hold API keys the county's
// admins issue and revoke.
//
// Everything here that reads requests selects only what the public may see: never the citizen's name, phone,
// email, device or account. Requests filed here become tickets of channel open311 that wait (received) for
// the linkage center like web tickets.
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "ledger/command.h"
#include "storage/database.h"

namespace fishbowl::hotline {

// --- categories (categories.cpp) ---
const std::vector<std::string>&
attribute_datatypes();  // string, number, datetime, text, single/multivaluelist

struct AttributeValue {
  std::string key, name;
};
struct CategoryAttribute {
  std::string code;
  bool variable = true;  // false: information shown to the person, not a question
  std::string datatype;
  bool required = false;
  std::string datatype_description;
  int order = 0;
  std::string description;
  std::vector<AttributeValue> values;  // for the list datatypes
};
struct Category {
  std::string code;  // the service_code
  std::string name, description, group, keywords;
  std::string kind;                        // the ticket kind it files as
  std::optional<long long> department_id;  // where such tickets usually go
  std::string service_notice;
  bool active = true;
  int order = 0;                              // its place in lists
  std::vector<CategoryAttribute> attributes;  // in order
};

// Categories in their order, each with its attributes: the active ones, or all for the center's editing.
Result<std::vector<Category>> list_categories(Database& db, bool include_inactive = false);
nlohmann::json to_json(const Category& c);
// Creates or replaces a category with all its attributes (category_edit.cpp); the center keeps the list. A
// category is retired (active = false) rather than deleted, since tickets name it. Records
// ticket.category_saved with the whole category. Errors (422, on the field): field.invalid (code: a-z, 0-9
// and _, starting with a letter, up to 32), field.required / field.too_long, field.invalid (kind),
// department.not_found, category.invalid_attribute (attributes[i].…: a bad code or datatype, a repeated
// code, list values missing on a list or given on another), field.out_of_range (at most 20 attributes, 30
// values each). `created` tells whether it was new.
struct SavedCategory {
  Category category;
  bool created = false;
};
Result<SavedCategory> save_category(Command& cmd, const Category& c);
// An active category; category.not_found (404) otherwise.
Result<Category> get_category(Database& db, const std::string& code);
Result<Category> get_category(soci::session& sql, const std::string& code);
// Files a ticket under a category (the center's own sorting of phone and hall tickets). Records
// ticket.categorized. ticket.not_found (404), category.not_found (404).
Status categorize_ticket(Command& cmd, long long ticket_id, const std::string& code);

// --- API keys (api_keys.cpp) ---
struct ApiKey {
  long long id = 0;
  std::string name;    // the client it was issued to
  std::string prefix;  // its first characters, to recognise it
  std::string created_at, revoked_at;
  std::optional<long long> created_by, revoked_by;
};
struct IssuedKey {
  ApiKey key;
  std::string secret;  // the key itself, shown once and never stored
};
// Records open311.key_issued. field.required / field.too_long (422 name: 1..64 characters).
Result<IssuedKey> issue_api_key(Command& cmd, const std::string& name);
// Records open311.key_revoked. open311_key.not_found (404), open311_key.revoked (409) when already revoked.
Result<ApiKey> revoke_api_key(Command& cmd, long long id);
Result<std::vector<ApiKey>> list_api_keys(Database& db);
// The live key a client presented, if any.
std::optional<long long> find_api_key(Database& db, const std::string& secret);

// --- service requests (open311_requests.cpp) ---
// The county a jurisdiction_id (the county's region code) names. Without one, the deployment's only county;
// open311.jurisdiction_required (400) when it serves several, open311.jurisdiction_not_found (404).
struct Jurisdiction {
  long long region_id = 0;
  std::string path, code, name;
};
Result<Jurisdiction> find_jurisdiction(Database& db, const std::string& jurisdiction_id);

struct RequestInput {
  long long key_id = 0;
  std::string service_code;
  long long region_id = 0;  // the jurisdiction's county
  std::optional<double> lat, lon;
  std::string address_string, address_id;
  std::string email, device_id, account_id, first_name, last_name, phone;  // personal
  std::string description, media_url;
  std::multimap<std::string, std::string> attributes;  // code -> value; several for a multivaluelist
};
struct FiledRequest {
  std::string service_request_id;
  std::string token;
  std::string service_notice;
};
// Files a ticket and records open311.request_filed. Errors: category.not_found (404); open311.no_location,
// open311.invalid_location, open311.invalid_attribute, open311.missing_attribute, open311.invalid_media_url,
// ticket.invalid_phone, field.too_long (422; answered as 400 by the interface).
Result<FiledRequest> file_request(Command& cmd, const RequestInput& in);

struct RequestNote {
  std::string at;    // UTC text
  std::string type;  // opened, activity, closed
  std::string summary, description;
};
struct ServiceRequest {
  long long ticket_id = 0;
  std::string service_request_id;  // ticket_no
  std::string status;              // open, closed
  std::string status_notes;
  std::string service_code, service_name, service_notice;
  std::string description;
  std::string agency_responsible;
  std::string requested_at, updated_at, expected_at;  // UTC text; expected_at may be empty
  std::string address, address_id;
  std::optional<double> lat, lon;  // only for requests filed through Open311, whose location is the report
  std::string media_url;
  std::vector<RequestNote> notes;  // with_notes only
};

struct RequestQuery {
  std::string region_path;       // the jurisdiction's county
  std::vector<std::string> ids;  // ticket numbers; when given, the other filters are ignored
  std::vector<std::string> service_codes;
  std::string from, to;               // UTC text, requested between (inclusive)
  std::vector<std::string> statuses;  // open, closed
  int page = 1;
  int page_size = 1000;
  bool with_notes = false;
};
// Newest first.
Result<std::vector<ServiceRequest>> find_requests(Database& db, const RequestQuery& q);
// open311.request_not_found (404).
Result<ServiceRequest> get_request(Database& db, const std::string& region_path,
                                   const std::string& service_request_id, bool with_notes);
// The service_request_id a token leads to; open311.token_not_found (404).
Result<std::string> request_of_token(Database& db, const std::string& token);

}  // namespace fishbowl::hotline
