#pragma once
// What the disclosure module's own files share; not part of its public header.
#include "disclosure/disclosure.h"

namespace fishbowl::disclosure::detail {

Error not_found();
Result<Edition> get_edition(soci::session& sql, long long id, int number);
nlohmann::json attachments_json(const std::vector<AttachmentRef>& a);

}  // namespace fishbowl::disclosure::detail
