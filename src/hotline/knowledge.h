#pragma once
// The knowledge base (知识库) of the linkage center: questions and their answers, by department, each valid
// for a span of days. Entries are public (a citizen may find the answer before calling) and go into the
// site search as kind "knowledge", so that staff find them with the same Chinese search; an entry outside
// its validity is still readable, marked so, and never suggested.
//
// At intake the center is shown the entries whose question shares most of its character pairs with what
// the citizen said (`suggest_answers`), and the open tickets about the same place that read alike
// (`likely_duplicates`, in hotline.h).
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/error.h"
#include "ledger/command.h"
#include "storage/database.h"

namespace fishbowl::hotline {

struct KnowledgeEntry {
  long long id = 0;
  long long department_id = 0;
  std::string department_name;
  std::string question, answer;
  std::string valid_from, valid_to;  // "YYYY-MM-DD"; valid_to "" is open-ended
  std::string created_at, updated_at;
};

struct KnowledgeInput {
  long long department_id = 0;
  std::string question, answer;
  std::string valid_from, valid_to;
};

bool is_valid_on(const KnowledgeEntry& e, Date day);
nlohmann::json to_json(const KnowledgeEntry& e, Date today);

// Errors: department.not_found (422 department_id), knowledge.invalid_span (422 valid_to: before
// valid_from).
Result<KnowledgeEntry> create_knowledge(Command& cmd, const KnowledgeInput& in);
// knowledge.not_found (404); the department of an entry does not change (knowledge.department_fixed, 422).
Result<KnowledgeEntry> update_knowledge(Command& cmd, long long id, const KnowledgeInput& in);
Result<KnowledgeEntry> get_knowledge(Database& db, long long id);

struct KnowledgePage {
  std::vector<KnowledgeEntry> items;
  long long total = 0;
};
// Newest first; valid_only keeps the entries valid today.
Result<KnowledgePage> list_knowledge(Database& db, std::optional<long long> department_id, bool valid_only,
                                     Date today, int page, int page_size);

struct Suggestion {
  KnowledgeEntry entry;
  double score = 0;  // share of the question's character pairs found in the text, 0..1
};
// At most `limit` entries valid today, best first, scoring at least 0.3.
Result<std::vector<Suggestion>> suggest_answers(Database& db, const std::string& text, Date today,
                                                std::size_t limit);

}  // namespace fishbowl::hotline
