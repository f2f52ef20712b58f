#include "app/cli.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace fishbowl {

int fail(const Error& e) {
  std::cerr << "error: " << e.code << ": " << e.message << (e.field.empty() ? "" : " (" + e.field + ")")
            << "\n";
  return 1;
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return Error::invalid("file.unreadable", "无法读取文件 " + path, "file");
  return text.str();
}

Result<long long> id_by_code(Database& db, const std::string& table, const std::string& key) {
  return db.read([&](soci::session& sql) -> Result<long long> {
    long long id = 0;
    sql << "SELECT id FROM " + table + " WHERE code = :k OR CAST(id AS TEXT) = :k2", soci::use(key),
        soci::use(key), soci::into(id);
    if (!sql.got_data()) return Error::not_found(table + ".not_found", "找不到 " + key);
    return id;
  });
}

}  // namespace fishbowl
