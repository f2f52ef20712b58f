#pragma once
// Running a statement whose targets and bindings were exchanged one by one, because how many there are, or in
// which order, depends on the query (optional filters, a row reader that binds its own targets).
#include <soci/soci.h>

#include <string>

namespace fishbowl {

// Prepares `text` on the statement and runs it; with fetch_first, also fetches the first row and says whether
// there was one. Further rows come from st.fetch(). A statement run once is better prepared as a one-time
// query: on PostgreSQL a repeatable one costs a PREPARE and a DEALLOCATE round trip around its execution.
bool prepare_and_run(soci::statement& st, const std::string& text, bool fetch_first,
                     soci::details::statement_type type = soci::details::st_repeatable_query);

}  // namespace fishbowl
