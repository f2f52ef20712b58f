#pragma once
// What the disclosure module's own files share; not part of its public header.
#include "disclosure/disclosure.h"
#include "org/org.h"

namespace fishbowl::disclosure::detail {

Error not_found();
Result<Edition> get_edition(soci::session& sql, long long id, int number);
nlohmann::json optional_id(const std::optional<long long>& v);  // the id, or null

// The organ that speaks for a region: 青禾县人民政府, 城关镇人民政府, 青禾街道办事处, 东关村村民委员会.
std::string government_of(const std::string& region_name, const std::string& region_kind);

// An issuing or asked organ: a department, or the government of a region. Errors department.not_found /
// region.not_found (422, on the field named).
struct Organ {
  std::optional<long long> department_id;
  org::Region region;
  std::string code;
};
Result<Organ> organ_of(soci::session& sql, std::optional<long long> department_id,
                       std::optional<long long> region_id);

// A text and its files as a publication or a village item takes them: the body sanitized into html and text
// (field.too_long past kMaxBodyBytes), at most 20 files, each already stored (attachment.not_found).
// `empty_code` names the error when both are empty; "" allows that.
struct Body {
  std::string html, text;
};
Result<Body> check_body(soci::session& sql, const std::string& body_html,
                        const std::vector<AttachmentRef>& files, const char* empty_code);

// --- editing.cpp ---
std::string subject_of(long long id);        // "publication:<id>"
std::string scope_of(const Publication& p);  // the organ: "department:<id>" or "region:<id>"
Date today_of(const Command& cmd);           // the command's day in China

}  // namespace fishbowl::disclosure::detail
