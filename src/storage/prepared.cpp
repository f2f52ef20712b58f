#include "storage/prepared.h"

namespace fishbowl {

bool prepare_and_run(soci::statement& st, const std::string& text, bool fetch_first,
                     soci::details::statement_type type) {
  st.alloc();
  st.prepare(text, type);
  st.define_and_bind();
  return st.execute(fetch_first);
}

}  // namespace fishbowl
