#pragma once
// What the hotline module's own files share; not part of its public header.
#include "hotline/hotline.h"

namespace fishbowl::hotline::detail {

Result<Ticket> get(soci::session& sql, long long id);
// Appends a step to the ticket's history and records the event of the same name ("ticket.<kind>").
void record_step(Command& cmd, const Ticket& t, const std::string& kind, const std::string& note,
                 nlohmann::json payload = nlohmann::json::object(),
                 const nlohmann::json& personal = nlohmann::json::object());
// Saves the ticket's changing fields, if nobody changed it since it was read (ticket.changed, 409).
Status save(Command& cmd, Ticket& t);
Result<Deadline> deadline_of(soci::session& sql, const std::string& kind);
// Within China's bounding box (WGS-84 or GCJ-02 alike at this scale): catches a phone's 0,0 before a fix and
// swapped latitude and longitude.
bool in_china(double lat, double lon);
// "region:<the county's id>": the scope of the hotline's county-wide events.
std::string county_scope(soci::session& sql);

}  // namespace fishbowl::hotline::detail
