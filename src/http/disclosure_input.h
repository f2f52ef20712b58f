#pragma once
// What the disclosure routes read alike from a request: the organ a new record goes to, and lists of stored
// files.
#include <vector>

#include "core/json_input.h"
#include "disclosure/disclosure.h"
#include "http/api.h"

namespace fishbowl::http {

// The organ named in the body by department_id or region_id, as the target of the scope check. When it is
// missing or unknown only a county-wide role gets as far as the validation, which then names the field.
Result<auth::Target> body_organ_target(Call& c);

// A list of stored files [{sha256, name}] under `field`; absent is empty. Errors name the item's field.
Result<std::vector<services::AttachmentRef>> read_attachment_refs(JsonInput& in, const char* field);

// A rights notice's household list under "households"; absent is empty. Only the rows' shape is read here:
// disclosure::check_households() judges them.
Result<std::vector<disclosure::Household>> read_households(JsonInput& in);

}  // namespace fishbowl::http
