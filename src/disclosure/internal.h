#pragma once
// What the disclosure module's own files share; not part of its public header.
#include "disclosure/disclosure.h"

namespace fishbowl::disclosure::detail {

Error not_found();
Result<Edition> get_edition(soci::session& sql, long long id, int number);
nlohmann::json attachments_json(const std::vector<AttachmentRef>& a);

// --- editing.cpp ---
std::string subject_of(long long id);        // "publication:<id>"
std::string scope_of(const Publication& p);  // the organ: "department:<id>" or "region:<id>"
Date today_of(const Command& cmd);           // the command's day in China

}  // namespace fishbowl::disclosure::detail
