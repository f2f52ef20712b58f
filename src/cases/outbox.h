#pragma once
// The SMS outbox. A case change writes its message to sms_outbox in the same transaction, so a message is
// never sent for a change that rolled back nor lost for one that committed; a drainer then hands the waiting
// messages to the configured sender and marks each one sent. The sender is pluggable: a county connects its
// SMS gateway by implementing SmsSender; the default only logs, with the phone number masked.
#include <optional>
#include <string>

#include "core/error.h"
#include "ledger/command.h"
#include "storage/database.h"

namespace fishbowl::cases {

class SmsSender {
 public:
  virtual ~SmsSender() = default;
  // Delivers one message; an error leaves it in the outbox for the next round.
  virtual Status send(const std::string& phone, const std::string& message) = 0;
};

// Writes each message to the log as "sms to 138****1234: …".
class LogSmsSender : public SmsSender {
 public:
  Status send(const std::string& phone, const std::string& message) override;
};

// "13812341234" -> "138****1234": enough to tell numbers apart in a log.
std::string masked_phone(const std::string& phone);

// Writes a message to the outbox inside the command's transaction, at its time; case_id names the case it
// reports, if any.
void queue_sms(Command& cmd, std::optional<long long> case_id, const std::string& phone,
               const std::string& message);

// Sends up to `batch` waiting messages, oldest first, each claimed (marked sent) just before it is handed to
// the sender. Returns how many were sent. A message whose sending fails goes back to waiting, and the round
// stops there so that order is kept; a crash between claiming and sending loses that one message.
Result<int> drain_outbox(Database& db, SmsSender& sender, const std::string& now, int batch = 100);

}  // namespace fishbowl::cases
