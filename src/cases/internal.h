#pragma once
// What the cases module's own files share; not part of its public header.
#include <string>

#include "cases/cases.h"
#include "org/org.h"

namespace fishbowl::cases::detail {

// --- store.cpp ---
Error not_found();
// The region where a department sits: where its cases end up, and the top of where they may be received.
Result<org::Region> department_region(soci::session& sql, long long department_id);
nlohmann::json optional_id(const std::optional<long long>& v);
// Writes the mutable columns, provided the stored state is still that of `before`, the case as loaded (a
// concurrent change on another server makes this case.wrong_state rather than a lost update). The display
// names are read again when the holder or the first contact changed.
Status save(Command& cmd, Case& c, const Case& before);
// Reads the display names of where the case is and of its first contact (they are not columns of the case).
Status read_names(soci::session& sql, Case& c);

// --- record.cpp ---
// Records the case's event: the public view of the case plus `extra`; `personal` goes to the event's private
// part, which enters the ledger only as salted commitments.
void record(Command& cmd, const char* type, const Case& c, nlohmann::json extra = nlohmann::json::object(),
            nlohmann::json personal = nlohmann::json::object());
// Writes the applicant's message to the SMS outbox.
void notify(Command& cmd, const Case& c, const std::string& message);
Error wrong_state(const Case& c, const char* action);

// --- clock.cpp ---
Date today_of(const Command& cmd);
// The deadline of the stage that starts today at the case's current holder.
std::string stage_deadline(const WorkCalendar& cal, const Case& c, Date today);
// Moves the stage and promised deadlines on by the working days the clock stood still.
void resume_clock(const WorkCalendar& cal, Case& c, Date today);

}  // namespace fishbowl::cases::detail
