#include "cases/outbox.h"

#include <spdlog/spdlog.h>

#include <vector>

#include "storage/bound.h"
#include "storage/row.h"

namespace fishbowl::cases {

std::string masked_phone(const std::string& phone) {
  if (phone.size() < 8) return std::string(phone.size(), '*');
  return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

Status LogSmsSender::send(const std::string& phone, const std::string& message) {
  spdlog::info("sms to {}: {}", masked_phone(phone), message);
  return ok_status();
}

void queue_sms(Command& cmd, std::optional<long long> case_id, const std::string& phone,
               const std::string& message) {
  execute(cmd.sql(), cmd.backend(),
          "INSERT INTO sms_outbox (case_id, phone, message, created_at) VALUES (:c, :p, :m, :t)", case_id,
          phone, message, cmd.now());
}

Result<int> drain_outbox(Database& db, SmsSender& sender, const std::string& now, int batch) {
  struct Waiting {
    long long id;
    std::string phone, message;
  };
  auto waiting = db.read([&](soci::session& sql) -> Result<std::vector<Waiting>> {
    std::vector<Waiting> out;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, phone, message FROM sms_outbox WHERE sent_at = '' ORDER BY id LIMIT :n",
         soci::use(batch));
    for (const auto& r : rows) out.push_back({int64_at(r, 0), text_at(r, 1), text_at(r, 2)});
    return out;
  });
  if (!waiting) return waiting.error();
  int sent = 0;
  for (const auto& m : *waiting) {
    // Claimed before sending, so that several server processes on one database never send a message twice.
    auto claim = [&](const std::string& from, const std::string& to) {
      return db.write([&](soci::session& sql) -> Result<bool> {
        soci::statement st =
            (sql.prepare << "UPDATE sms_outbox SET sent_at = :t WHERE id = :id AND sent_at = :f",
             soci::use(to), soci::use(m.id), soci::use(from));
        st.execute(true);
        return st.get_affected_rows() == 1;
      });
    };
    auto mine = claim("", now);
    if (!mine) return mine.error();
    if (!*mine) continue;
    if (auto ok = sender.send(m.phone, m.message); !ok) {
      spdlog::warn("sms {}: {}", m.id, ok.error().message);
      if (auto back = claim(now, ""); !back) return back.error();
      break;
    }
    ++sent;
  }
  return sent;
}

}  // namespace fishbowl::cases
