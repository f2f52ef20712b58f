#pragma once
// Commands and events. Every change of state runs through run_command(): one transaction that writes the
// change and at least one event (past tense, from the glossary: "region.created", "account.granted"), with
// the actor, the scope it happened in, its subject and a JSON payload. When the command's body returns an
// error, nothing it wrote stays, events included. Events are append-only: no code path updates or deletes
// them, and the database's triggers refuse it as well.
#include <soci/soci.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/clock.h"
#include "core/error.h"
#include "ledger/events.h"
#include "ledger/ledger.h"
#include "storage/database.h"

namespace fishbowl {

// Who acts: an account in one of its roles, or the system itself (command line, demo loader, migrations).
struct Actor {
  std::optional<long long> account_id;
  std::string role;  // admin, staff, agent, supervisor, citizen, or "system"
  static Actor system() { return Actor{std::nullopt, "system"}; }
};

// What a command's body sees: the open transaction and the way to record its events.
class Command {
 public:
  // The events' leaves go to `ledger`, the transaction's batch, which writes them just before the commit.
  Command(soci::session& sql, Backend backend, const Actor& actor, std::string now, ledger::Appender& ledger)
      : sql_(sql), backend_(backend), actor_(actor), now_(std::move(now)), ledger_(ledger) {}
  Command(const Command&) = delete;
  Command& operator=(const Command&) = delete;

  soci::session& sql() { return sql_; }
  Backend backend() const { return backend_; }
  const Actor& actor() const { return actor_; }
  // The command's one timestamp: the change and its events carry the same time.
  const std::string& now() const { return now_; }

  // Appends an event inside this transaction and returns the event id; its ledger leaf is written just before
  // the commit, in the same transaction, in the order the events were recorded.
  // scope is "region:<id>" or "department:<id>"; subject is "<kind>:<id>" of the object changed.
  // personal holds citizens' personal data (names, ID numbers, phones, addresses) as field -> text: it is
  // kept on the event row with a fresh salt and enters the public leaf only as salted commitments.
  long long record(std::string_view type, const std::string& scope, const std::string& subject,
                   const nlohmann::json& payload, const nlohmann::json& personal = nlohmann::json::object());
  int events_recorded() const { return events_; }

 private:
  soci::session& sql_;
  Backend backend_;
  const Actor& actor_;
  std::string now_;
  int events_ = 0;
  ledger::Appender& ledger_;
};

// Runs body(Command&) -> Result<T> in one write transaction. A body that succeeds without recording an event
// is a bug and is rolled back as an internal error: nothing changes in the dark.
// run_command_at takes the command's time instead of the clock's: for back-dated demo data and for tests of
// deadlines.
template <class F>
auto run_command_at(Database& db, const Actor& actor, const std::string& now, F&& body)
    -> decltype(body(std::declval<Command&>())) {
  using R = decltype(body(std::declval<Command&>()));
  return db.write([&](soci::session& sql) -> R {
    Command cmd(sql, db.backend(), actor, now, db.batch<ledger::Appender>());
    R result = body(cmd);
    if (!result.ok()) return result;
    if (cmd.events_recorded() == 0)
      return Error::internal("internal.no_event", "服务器内部错误：变更未留下事件记录");
    return result;
  });
}

template <class F>
auto run_command(Database& db, const Actor& actor, F&& body) -> decltype(body(std::declval<Command&>())) {
  return run_command_at(db, actor, now_utc(), std::forward<F>(body));
}

}  // namespace fishbowl
