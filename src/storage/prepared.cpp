#include "storage/prepared.h"

namespace fishbowl {

bool prepare_and_run(soci::statement& st, const std::string& text, bool fetch_first) {
  st.alloc();
  st.prepare(text);
  st.define_and_bind();
  return st.execute(fetch_first);
}

}  // namespace fishbowl
