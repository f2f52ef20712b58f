#include "app/cli_ledger.h"

#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/open_db.h"
#include "core/crypto.h"
#include "ledger/ledger.h"

namespace fishbowl {

namespace {

std::string read_stdin() {
  return std::string(std::istreambuf_iterator<char>(std::cin), {});
}

// Reads "proof": ["hex", ...] and the named hashes; false (with a message) when anything is malformed.
bool read_hashes(const nlohmann::json& j, std::vector<ledger::Hash>& proof) {
  if (!j.contains("proof") || !j["proof"].is_array()) return false;
  for (const auto& p : j["proof"]) {
    if (!p.is_string()) return false;
    auto h = ledger::from_hex(p.get<std::string>());
    if (!h) return false;
    proof.push_back(*h);
  }
  return true;
}

std::optional<ledger::Hash> hash_field(const nlohmann::json& j, const char* name) {
  if (!j.contains(name) || !j[name].is_string()) return std::nullopt;
  return ledger::from_hex(j[name].get<std::string>());
}

std::optional<std::uint64_t> size_field(const nlohmann::json& j, const char* name) {
  if (!j.contains(name) || !j[name].is_number_unsigned()) return std::nullopt;
  return j[name].get<std::uint64_t>();
}

int invalid(const std::string& why) {
  std::cerr << "invalid: " << why << "\n";
  return 1;
}

}  // namespace

void add_ledger_commands(CLI::App& app, const std::string& db_url, int& exit_code) {
  auto* ledger_cmd = app.add_subcommand("ledger", "Verify the public ledger (RFC 9162 Merkle log)");
  ledger_cmd->require_subcommand(1);

  ledger_cmd
      ->add_subcommand("root", "Print the RFC 9162 root of hex-encoded leaves read from stdin, one a line")
      ->callback([&] {
        ledger::MemoryTree tree;
        std::string line;
        long long n = 0;
        while (std::getline(std::cin, line)) {
          ++n;
          if (!line.empty() && line.back() == '\r') line.pop_back();
          auto data = from_hex(line);
          if (!data) {
            exit_code = invalid("line " + std::to_string(n) + " is not hex");
            return;
          }
          tree.append(*data);
        }
        std::cout << ledger::hex(tree.root()) << "\n";
      });

  ledger_cmd
      ->add_subcommand("verify-inclusion",
                       "Check {leaf_hash|leaf, index, size, proof, root} from stdin: exit 0 valid, 1 not")
      ->callback([&] {
        auto j = nlohmann::json::parse(read_stdin(), nullptr, false);
        if (!j.is_object()) return void(exit_code = invalid("input is not a JSON object"));
        std::optional<ledger::Hash> leaf = hash_field(j, "leaf_hash");
        if (!leaf && j.contains("leaf") && j["leaf"].is_string()) {
          auto data = from_hex(j["leaf"].get<std::string>());
          if (data) leaf = ledger::leaf_hash(*data);
        }
        auto index = size_field(j, "index");
        auto size = size_field(j, "size");
        auto root = hash_field(j, "root");
        std::vector<ledger::Hash> proof;
        if (!leaf || !index || !size || !root || !read_hashes(j, proof))
          return void(exit_code = invalid("need leaf_hash or leaf, index, size, proof and root (hex)"));
        if (!ledger::verify_inclusion(*leaf, *index, *size, proof, *root))
          return void(exit_code = invalid("the proof does not show this leaf in this tree"));
        std::cout << "valid\n";
      });

  ledger_cmd
      ->add_subcommand("verify-consistency",
                       "Check {size1, size2, root1, root2, proof} from stdin: exit 0 valid, 1 not")
      ->callback([&] {
        auto j = nlohmann::json::parse(read_stdin(), nullptr, false);
        if (!j.is_object()) return void(exit_code = invalid("input is not a JSON object"));
        auto size1 = size_field(j, "size1"), size2 = size_field(j, "size2");
        auto root1 = hash_field(j, "root1"), root2 = hash_field(j, "root2");
        std::vector<ledger::Hash> proof;
        if (!size1 || !size2 || !root1 || !root2 || !read_hashes(j, proof))
          return void(exit_code = invalid("need size1, size2, root1, root2 and proof (hex)"));
        if (!ledger::verify_consistency(*size1, *size2, *root1, *root2, proof))
          return void(exit_code = invalid("the second tree does not extend the first"));
        std::cout << "valid\n";
      });

  auto key = std::make_shared<std::string>();
  auto* verify_note =
      ledger_cmd->add_subcommand("verify-note", "Verify a signed note on stdin; print its text");
  verify_note->add_option("--key", *key, "verifier key (name+id+base64)")->required();
  verify_note->callback([&, key] {
    auto v = ledger::Verifier::parse(*key);
    if (!v) return void(exit_code = invalid(v.error().message));
    auto text = ledger::open_note(read_stdin(), *v);
    if (!text) return void(exit_code = invalid(text.error().message));
    std::cout << *text;
  });

  auto verify_key = std::make_shared<std::string>();
  auto* verify =
      ledger_cmd->add_subcommand("verify", "Recompute everything stored and name the first inconsistency");
  verify->add_option("--key", *verify_key, "verifier key, to check the checkpoints' signatures too");
  verify->callback([&, verify_key] {
    std::optional<ledger::Verifier> v;
    if (!verify_key->empty()) {
      auto parsed = ledger::Verifier::parse(*verify_key);
      if (!parsed) return void(exit_code = invalid(parsed.error().message));
      v = *parsed;
    }
    auto db = Database::open(db_url, 1);
    if (!db) return void(exit_code = invalid(db.error().message));
    auto result = ledger::verify_store(**db, v);
    if (!result) return void(exit_code = invalid(result.error().message));
    if (!result->empty()) return void(exit_code = invalid(*result));
    std::cout << "consistent: " << ledger::tree_size(**db).value() << " leaves\n";
  });
}

}  // namespace fishbowl
