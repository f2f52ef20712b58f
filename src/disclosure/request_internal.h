#pragma once
// What the information-request files share; not part of the module's public header.
#include "disclosure/requests.h"

namespace fishbowl::disclosure::detail {

std::string request_subject(const InfoRequest& r);  // "info_request:<id>"
// due_on from the clock's start, the approved extension and the paused days.
void refresh_due(const WorkCalendar& cal, InfoRequest& r);
// One line of the request's history, in the command's transaction.
void add_step(Command& cmd, const InfoRequest& r, const std::string& kind, const std::string& on,
              const std::string& note);
// The change's event: the request's public facts and `extra`; personal data only as commitments.
void record_request(Command& cmd, const char* type, const InfoRequest& r,
                    nlohmann::json extra = nlohmann::json::object(),
                    nlohmann::json personal = nlohmann::json::object());
// A text message to the applicant's phone, through the outbox.
void tell_applicant(Command& cmd, const InfoRequest& r, const std::string& message);

}  // namespace fishbowl::disclosure::detail
