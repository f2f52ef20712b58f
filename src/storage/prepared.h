#pragma once
// Running a statement whose targets and bindings were exchanged one by one, because how many there are, or in
// which order, depends on the query (optional filters, a row reader that binds its own targets).
#include <soci/soci.h>

#include <string>

namespace fishbowl {

// Prepares `text` on the statement and runs it; with fetch_first, also fetches the first row and says whether
// there was one. Further rows come from st.fetch().
bool prepare_and_run(soci::statement& st, const std::string& text, bool fetch_first);

}  // namespace fishbowl
