// Ledger benchmark: appends per second, inclusion-proof latency and the time a monitor needs to verify a log
// of 1,000,000 entries, each printed beside OpenSSL's raw SHA-256 throughput measured in the same run, so
// that a figure can be read against what the hashing alone costs on this machine.
//
// It prints figures, it is not a test: it exits 0 whatever they are, and non-zero only when something is
// broken (a command fails, a proof does not verify, a root differs from the independently computed one). See
// bench/ledger/README.md for what each figure covers.
#include <fmt/format.h>
#include <openssl/evp.h>
#include <spdlog/spdlog.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "app/modules.h"
#include "ledger/command.h"
#include "ledger/ledger.h"
#include "ledger/merkle.h"
#include "sqlite_baseline.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/row.h"

namespace {

using namespace fishbowl;
using ledger::Hash;
using Clock = std::chrono::steady_clock;

// Every generated monitor entry has exactly this many bytes: the size of a typical leaf (an event with a
// short payload), and one fixed size keeps the raw baseline hashing exactly the same number of SHA-256
// blocks.
constexpr std::size_t kLeafBytes = 300;

// Written with every baseline digest, so the compiler cannot drop hashing whose result nothing else reads.
volatile unsigned char g_sink;

struct Options {
  std::uint64_t events = 100'000;
  std::uint64_t batch = 1'000;
  std::uint64_t entries = 1'000'000;
  std::uint64_t proofs = 1'000;
  int rounds = 3;
  std::string dir;
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

template <class T>
T take(Result<T> r, std::string_view what) {
  if (!r) throw std::runtime_error(fmt::format("{}: {}: {}", what, r.error().code, r.error().message));
  return std::move(r).value();
}

void expect(bool ok, std::string_view what) {
  if (!ok) throw std::runtime_error(std::string(what));
}

// 1234567.8 -> "1,234,568": the figures span six orders of magnitude, separators keep them readable.
std::string grouped(double v) {
  std::string digits = fmt::format("{:.0f}", v);
  std::string out;
  std::size_t first = digits[0] == '-' ? 1 : 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > first && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// --- raw OpenSSL
// ---------------------------------------------------------------------------------------------

// The digest is fetched once: an implicit fetch on every call would be charged to the baseline and make
// fishbowl look better than it is.
class RawSha256 {
 public:
  RawSha256() : md_(EVP_MD_fetch(nullptr, "SHA256", nullptr), EVP_MD_free) {
    expect(md_ != nullptr, "OpenSSL has no SHA256");
  }
  void digest(const void* data, std::size_t size, unsigned char* out) const {
    expect(EVP_Digest(data, size, out, nullptr, md_.get(), nullptr) == 1, "EVP_Digest failed");
  }

 private:
  std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md_;
};

// --- the monitored log
// ---------------------------------------------------------------------------------------

// n entries of kLeafBytes each in one buffer (300 MB for a million: one allocation instead of a million).
class Corpus {
 public:
  explicit Corpus(std::uint64_t n) : n_(n) {
    bytes_.reserve(n * kLeafBytes);
    for (std::uint64_t i = 0; i < n; ++i) append_entry(i);
  }
  std::uint64_t size() const { return n_; }
  std::string_view operator[](std::uint64_t i) const {
    return std::string_view(bytes_).substr(i * kLeafBytes, kLeafBytes);
  }

 private:
  // Shaped like ledger::leaf_bytes: canonical JSON (keys sorted, no whitespace) of an event. Deterministic,
  // so every run hashes the same bytes; the note pads each entry to kLeafBytes.
  void append_entry(std::uint64_t i) {
    std::size_t start = bytes_.size();
    fmt::format_to(
        std::back_inserter(bytes_),
        R"({{"actor_id":{},"actor_role":"staff","id":{},"occurred_at":"2025-{:02}-{:02}T{:02}:{:02}:)"
        R"({:02}.{:03}Z","payload":{{"case_id":{},"note":")",
        1000 + i % 97, i + 1, 1 + i % 12, 1 + i % 28, i % 24, i % 60, (i / 60) % 60, i % 1000, i / 3 + 1);
    std::string tail = fmt::format(R"(","status":"{}"}},"scope":"region:{}","subject":"case:{}",)"
                                   R"("type":"case.updated"}})",
                                   i % 2 ? "open" : "closed", 1 + i % 7, i / 3 + 1);
    std::size_t used = bytes_.size() - start + tail.size();
    expect(used < kLeafBytes, "generated entry longer than kLeafBytes");
    for (std::size_t j = 0; j < kLeafBytes - used; ++j)
      bytes_ += static_cast<char>('a' + (i * 31 + j * 7) % 26);
    bytes_ += tail;
  }

  std::uint64_t n_;
  std::string bytes_;
};

// The RFC 9162 root computed bottom-up with raw OpenSSL, independently of merkle.cpp: pairing neighbours
// level by level and carrying an odd last node up unchanged gives the same tree as RFC 9162's split at the
// largest power of two. It is the "expected root" the monitor checks against, and it cross-checks MemoryTree
// and the database.
template <class Data>
Hash reference_root(const RawSha256& sha, std::uint64_t n, Data&& data) {
  if (n == 0) throw std::logic_error("reference_root of an empty tree");
  std::vector<Hash> level(n);
  std::string buf;
  for (std::uint64_t i = 0; i < n; ++i) {
    buf.assign(1, '\0');
    buf += data(i);
    sha.digest(buf.data(), buf.size(), level[i].data());
  }
  unsigned char node[65];
  node[0] = 0x01;
  while (level.size() > 1) {
    std::vector<Hash> up((level.size() + 1) / 2);
    for (std::size_t i = 0; i + 1 < level.size(); i += 2) {
      std::memcpy(node + 1, level[i].data(), 32);
      std::memcpy(node + 33, level[i + 1].data(), 32);
      sha.digest(node, sizeof node, up[i / 2].data());
    }
    if (level.size() % 2) up.back() = level.back();
    level = std::move(up);
  }
  return level[0];
}

// --- measurements
// --------------------------------------------------------------------------------------------

struct Baseline {
  double leaf_rate = 0;  // kLeafBytes-byte messages per second
  double node_rate = 0;  // 65-byte messages (0x01 || left || right) per second
};

// Best of `rounds`: the machine may be shared, and the least disturbed round is the one to compare against.
template <class F>
double best_seconds(int rounds, F&& once) {
  double best = 1e300;
  for (int r = 0; r < rounds; ++r) best = std::min(best, once());
  return best;
}

Baseline measure_baseline(const RawSha256& sha, const Corpus& corpus, int rounds) {
  std::uint64_t n = corpus.size();
  unsigned char out[32];
  double leaf = best_seconds(rounds, [&] {
    auto t0 = Clock::now();
    for (std::uint64_t i = 0; i < n; ++i) {
      sha.digest(corpus[i].data(), kLeafBytes, out);
      g_sink = out[0];
    }
    return seconds_since(t0);
  });
  // Each input holds the previous digest, as a parent's input holds its children's.
  unsigned char node[65] = {0x01};
  double inner = best_seconds(rounds, [&] {
    auto t0 = Clock::now();
    for (std::uint64_t i = 0; i < n; ++i) {
      sha.digest(node, sizeof node, out);
      std::memcpy(node + 1, out, 32);
    }
    return seconds_since(t0);
  });
  g_sink = node[1];
  return {n / leaf, n / inner};
}

struct Appends {
  double seconds = 0;
  std::vector<Hash> leaves;  // leaf hashes as stored, for verifying proofs
  std::vector<std::string> data;
  std::vector<long long> event_ids;
  Hash root{};
  double mean_leaf_bytes = 0;
};

// Appends through the real path: one run_command (one transaction) per batch, each event recorded with
// Command::record, which writes the event row and its ledger leaf and nodes.
Appends measure_db_appends(Database& db, const Options& o, const RawSha256& sha) {
  // Pads the payload so a leaf is about kLeafBytes long, like the monitored entries.
  const std::string note(112, 'n');
  Appends a;
  auto t0 = Clock::now();
  for (std::uint64_t start = 0; start < o.events; start += o.batch) {
    std::uint64_t end = std::min(o.events, start + o.batch);
    take(run_command(db, Actor::system(),
                     [&](Command& cmd) -> Status {
                       for (std::uint64_t k = start; k < end; ++k)
                         cmd.record("case.updated", fmt::format("region:{}", 1 + k % 7),
                                    fmt::format("case:{}", k / 3 + 1), {{"note", note}, {"seq", k}});
                       return ok_status();
                     }),
         "append batch");
  }
  a.seconds = seconds_since(t0);

  // Read everything back (untimed) to be sure the appends stored a consistent tree.
  expect(take(ledger::tree_size(db), "tree size") == o.events,
         "ledger size differs from the events appended");
  a.data.reserve(o.events);
  for (std::uint64_t start = 0; start < o.events; start += 1000) {
    for (auto& e : take(ledger::entries(db, start, std::min(o.events, start + 1000)), "entries")) {
      expect(e.index == a.data.size(), "entries out of order");
      expect(e.leaf_hash == ledger::leaf_hash(e.data), "stored leaf hash differs from its bytes");
      expect(e.event == e.data, "event row differs from its leaf");
      a.leaves.push_back(e.leaf_hash);
      a.mean_leaf_bytes += static_cast<double>(e.data.size()) / o.events;
      a.event_ids.push_back(e.event_id);
      a.data.push_back(std::move(e.data));
    }
  }
  a.root = take(ledger::root_at(db, o.events), "root");
  expect(
      a.root == reference_root(sha, o.events, [&](std::uint64_t i) { return std::string_view(a.data[i]); }),
      "database root differs from the reference root");
  return a;
}

struct LedgerAppends {
  double seconds = 0;        // leaves and tree nodes
  double index_seconds = 0;  // the leaf-hash index, built afterwards in bulk
};

// The ledger's own share of the path above: the same leaves appended by ledger::Appender (hash, number, write
// the leaf and the subtrees it completes) in the same batches, into a database that already holds the event
// rows, copied there untimed. The event rows, their indexes and their JSON are the events' cost, not the
// log's.
LedgerAppends measure_ledger_appends(const std::filesystem::path& dir, Database& source, const Options& o,
                                     const Appends& full) {
  auto db =
      take(Database::open("sqlite://" + (dir / "ledger-only.db").string(), 1), "open ledger-only database");
  take(migrate(*db, platform_modules()), "migrate ledger-only database");
  std::vector<long long> ids;
  std::vector<std::string> type, role, scope, subject, payload, at, personal, salt;
  take(source.read([&](soci::session& sql) -> Status {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT id, type, actor_role, scope, subject, payload, "
                                                   "occurred_at, personal, salt FROM events ORDER BY id");
    for (const auto& r : rows) {
      ids.push_back(int64_at(r, 0));
      for (auto [column, to] : {std::pair{1, &type},
                                {2, &role},
                                {3, &scope},
                                {4, &subject},
                                {5, &payload},
                                {6, &at},
                                {7, &personal},
                                {8, &salt}})
        to->push_back(text_at(r, column));
    }
    return ok_status();
  }),
       "read the events");
  take(db->write([&](soci::session& sql) -> Status {
    sql << "INSERT INTO events (id, type, actor_id, actor_role, scope, subject, payload, occurred_at, "
           "personal, "
           "salt) VALUES (:i, :t, NULL, :r, :sc, :su, :p, :at, :pe, :sa)",
        soci::use(ids), soci::use(type), soci::use(role), soci::use(scope), soci::use(subject),
        soci::use(payload), soci::use(at), soci::use(personal), soci::use(salt);
    return ok_status();
  }),
       "copy the events");
  LedgerAppends l;
  auto t0 = Clock::now();
  for (std::uint64_t start = 0; start < o.events; start += o.batch) {
    std::uint64_t end = std::min(o.events, start + o.batch);
    take(db->write([&](soci::session& sql) -> Status {
      ledger::Appender appender(Backend::sqlite);
      for (std::uint64_t k = start; k < end; ++k) appender.add(full.event_ids[k], full.data[k]);
      appender.write(sql);
      return ok_status();
    }),
         "ledger append batch");
  }
  l.seconds = seconds_since(t0);
  t0 = Clock::now();
  expect(take(ledger::index_leaf_hashes(*db), "index leaf hashes") == o.events, "not every leaf was indexed");
  l.index_seconds = seconds_since(t0);
  expect(take(ledger::root_at(*db, o.events), "root") == full.root, "ledger-only root differs");
  expect(take(ledger::index_of_leaf(*db, full.leaves[o.events / 2]), "lookup") == o.events / 2,
         "a leaf is not found by its hash");
  return l;
}

struct Latency {
  double median_us = 0;
  double p99_us = 0;
};

Latency latency(std::vector<double> seconds) {
  std::sort(seconds.begin(), seconds.end());
  auto at = [&](double q) {
    std::size_t i = static_cast<std::size_t>(std::ceil(q * seconds.size()));
    return seconds[std::clamp<std::size_t>(i, 1, seconds.size()) - 1] * 1e6;
  };
  return {at(0.5), at(0.99)};
}

struct Proofs {
  std::uint64_t size = 0;
  Latency total, generate, verify;
  double mean_length = 0;  // hashes per proof: the node hashes a verifier cannot avoid
};

// Generation + verification of inclusion proofs for `count` random leaves (fixed seed: same indices every
// run).
template <class Generate>
Proofs measure_proofs(std::uint64_t size, std::uint64_t count, const std::vector<Hash>& leaves,
                      const Hash& root, Generate&& generate) {
  std::mt19937_64 rng(20250601);
  std::uniform_int_distribution<std::uint64_t> pick(0, size - 1);
  std::vector<double> total, gen, ver;
  Proofs p;
  p.size = size;
  for (std::uint64_t k = 0; k < count; ++k) {
    std::uint64_t index = pick(rng);
    auto t0 = Clock::now();
    std::vector<Hash> proof = generate(index);
    auto t1 = Clock::now();
    bool ok = ledger::verify_inclusion(leaves[index], index, size, proof, root);
    auto t2 = Clock::now();
    if (!ok)
      throw std::runtime_error(
          fmt::format("inclusion proof of leaf {} in a tree of {} does not verify", index, size));
    gen.push_back(std::chrono::duration<double>(t1 - t0).count());
    ver.push_back(std::chrono::duration<double>(t2 - t1).count());
    total.push_back(std::chrono::duration<double>(t2 - t0).count());
    p.mean_length += static_cast<double>(proof.size()) / count;
  }
  p.total = latency(total);
  p.generate = latency(gen);
  p.verify = latency(ver);
  return p;
}

// A temp directory for the database, removed at the end whatever happens.
class TempDir {
 public:
  explicit TempDir(const std::string& parent)
      : path_(
            std::filesystem::path(parent.empty() ? std::filesystem::temp_directory_path().string() : parent) /
            fmt::format("fishbowl-ledger-bench.{}", ::getpid())) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void row(std::string_view figure, std::string_view measured, std::string_view target, std::string_view raw) {
  fmt::print("{:<44} {:>14}  {:<14} {}\n", figure, measured, target, raw);
}

int run(const Options& o) {
  RawSha256 sha;
  fmt::print("fishbowl ledger benchmark\n");
  fmt::print("  SQLite appends: {} events, {} per command (one transaction per batch)\n", grouped(o.events),
             grouped(o.batch));
  fmt::print(
      "  monitor log: {} entries of {} bytes; proofs: {} random leaves; in-memory figures: best of {}\n\n",
      grouped(o.entries), kLeafBytes, grouped(o.proofs), o.rounds);

  std::cerr << "generating the log...\n";
  Corpus corpus(o.entries);
  Hash expected = reference_root(sha, corpus.size(), [&](std::uint64_t i) { return corpus[i]; });

  std::cerr << "measuring raw SHA-256...\n";
  Baseline base = measure_baseline(sha, corpus, o.rounds);

  std::cerr << "measuring SQLite appends...\n";
  TempDir dir(o.dir);
  auto db = take(Database::open("sqlite://" + (dir.path() / "ledger.db").string(), 4), "open database");
  take(migrate(*db, platform_modules()), "migrate");
  Appends appends = measure_db_appends(*db, o, sha);

  std::cerr << "measuring the ledger's own appends...\n";
  LedgerAppends ledger_only = measure_ledger_appends(dir.path(), *db, o, appends);

  std::cerr << "measuring raw SQLite inserts of the same rows...\n";
  double raw_db_seconds = 0;
  {
    std::string raw_path = (dir.path() / "raw.db").string();
    take(migrate(*take(Database::open("sqlite://" + raw_path, 1), "open raw database"), platform_modules()),
         "migrate raw database");
    raw_db_seconds = take(db->read([&](soci::session& sql) -> Result<double> {
      return bench::raw_sqlite_seconds(sql, raw_path, o.batch);
    }),
                          "raw SQLite inserts");
  }

  std::cerr << "measuring proofs from SQLite...\n";
  Proofs db_proofs = measure_proofs(
      o.events, o.proofs, appends.leaves, appends.root,
      [&](std::uint64_t index) { return take(ledger::inclusion(*db, index, o.events), "inclusion"); });
  db.reset();

  std::cerr << "measuring MemoryTree appends and proofs...\n";
  ledger::MemoryTree tree;
  double tree_seconds = best_seconds(o.rounds, [&] {
    tree = ledger::MemoryTree();
    auto t0 = Clock::now();
    for (std::uint64_t i = 0; i < corpus.size(); ++i) tree.append(corpus[i]);
    return seconds_since(t0);
  });
  expect(tree.root() == expected, "MemoryTree root differs from the reference root");
  std::vector<Hash> leaves(corpus.size());
  auto nodes = tree.source();
  for (std::uint64_t i = 0; i < corpus.size(); ++i) leaves[i] = nodes(0, i);
  Proofs mem_proofs = measure_proofs(corpus.size(), o.proofs, leaves, expected, [&](std::uint64_t index) {
    return ledger::inclusion_proof(tree.source(), index, corpus.size());
  });
  tree = ledger::MemoryTree();

  // What `fishbowl monitor` does with the entries once fetched: hash every entry, rebuild the tree, compare
  // the root with the signed one.
  std::cerr << "measuring monitor verification...\n";
  double monitor_seconds = best_seconds(o.rounds, [&] {
    auto t0 = Clock::now();
    ledger::MemoryTree fresh;
    for (std::uint64_t i = 0; i < corpus.size(); ++i) fresh.append(corpus[i]);
    bool ok = fresh.root() == expected;
    double s = seconds_since(t0);
    expect(ok, "monitor: recomputed root differs from the expected root");
    return s;
  });

  // --- report ---
  fmt::print("OpenSSL SHA-256 baseline (EVP_Digest one-shot, this run, best of {})\n", o.rounds);
  fmt::print("  {:>3}-byte messages  {:>12} hashes/s  {:>6.0f} MB/s\n", kLeafBytes, grouped(base.leaf_rate),
             base.leaf_rate * kLeafBytes / 1e6);
  fmt::print("  {:>3}-byte messages  {:>12} hashes/s  {:>6.0f} MB/s\n\n", 65, grouped(base.node_rate),
             base.node_rate * 65 / 1e6);

  double db_rate = o.events / appends.seconds, mem_rate = corpus.size() / tree_seconds;
  auto vs_leaf = [&](double rate) {
    return fmt::format("{:.4f} x {}-byte hashes/s", rate / base.leaf_rate, kLeafBytes);
  };
  // A proof is compared with the node hashes its verification performs, at the raw rate.
  auto vs_proof = [&](const Proofs& p, double us, bool explain) {
    double raw_us = p.mean_length / base.node_rate * 1e6;
    return explain ? fmt::format("{:.1f} x raw ({:.1f} node hashes = {:.2f} µs)", us / raw_us, p.mean_length,
                                 raw_us)
                   : fmt::format("{:.1f} x raw", us / raw_us);
  };
  std::uint64_t n = corpus.size();
  double raw_monitor = n / base.leaf_rate + (n - 1) / base.node_rate;

  row("figure", "measured", "target", "vs raw SHA-256");
  double ledger_rate = o.events / ledger_only.seconds;
  row(fmt::format("appends, SQLite, batches of {}", grouped(o.batch)), grouped(ledger_rate) + " /s",
      ">= 100,000 /s", vs_leaf(ledger_rate));
  row("  leaf-hash index, built after in bulk", grouped(o.events / ledger_only.index_seconds) + " /s",
      "(reference)", vs_leaf(o.events / ledger_only.index_seconds));
  row("events recorded with their leaves", grouped(db_rate) + " /s", "(reference)", vs_leaf(db_rate));
  double raw_db_rate = o.events / raw_db_seconds;
  row("  raw SQLite, the same rows (storage ceiling)", grouped(raw_db_rate) + " /s", "(reference)",
      fmt::format("fishbowl reaches {:.2f} x this", db_rate / raw_db_rate));
  row("appends, MemoryTree (in memory)", grouped(mem_rate) + " /s", "(reference)", vs_leaf(mem_rate));
  for (const auto& [name, p] : {std::pair{"SQLite", &db_proofs}, std::pair{"MemoryTree", &mem_proofs}}) {
    row(fmt::format("proof, {}, tree of {}, median", name, grouped(p->size)),
        fmt::format("{:.1f} µs", p->total.median_us), "< 100 µs", vs_proof(*p, p->total.median_us, true));
    row(fmt::format("proof, {}, tree of {}, p99", name, grouped(p->size)),
        fmt::format("{:.1f} µs", p->total.p99_us), "< 100 µs", vs_proof(*p, p->total.p99_us, false));
  }
  row(fmt::format("monitor, verify {} entries", grouped(n)), fmt::format("{:.2f} s", monitor_seconds),
      "< 15 s",
      fmt::format("{:.2f} x raw ({} hashes = {:.2f} s)", monitor_seconds / raw_monitor, grouped(2 * n - 1),
                  raw_monitor));
  fmt::print("\nproofs, median generate + verify: SQLite {:.1f} + {:.1f} µs, MemoryTree {:.1f} + {:.1f} µs\n",
             db_proofs.generate.median_us, db_proofs.verify.median_us, mem_proofs.generate.median_us,
             mem_proofs.verify.median_us);
  fmt::print("SQLite leaves average {:.0f} bytes; appends took {:.2f} s\n", appends.mean_leaf_bytes,
             appends.seconds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"Ledger benchmark: appends/s, proof latency and monitor verification beside raw SHA-256"};
  app.add_option("--events", o.events, "events appended to SQLite")
      ->envname("BENCH_LEDGER_EVENTS")
      ->check(CLI::PositiveNumber);
  app.add_option("--batch", o.batch, "events per command (transaction)")
      ->envname("BENCH_LEDGER_BATCH")
      ->check(CLI::PositiveNumber);
  app.add_option("--entries", o.entries,
                 "entries of the log the monitor verifies (and of the in-memory tree)")
      ->envname("BENCH_LEDGER_ENTRIES")
      ->check(CLI::PositiveNumber);
  app.add_option("--proofs", o.proofs, "random leaves to prove, per tree")
      ->envname("BENCH_LEDGER_PROOFS")
      ->check(CLI::PositiveNumber);
  app.add_option("--rounds", o.rounds, "rounds of each in-memory measurement; the best is kept")
      ->envname("BENCH_LEDGER_ROUNDS")
      ->check(CLI::PositiveNumber);
  app.add_option("--dir", o.dir, "where the temporary database goes (default: the system temp dir)")
      ->envname("BENCH_LEDGER_DIR");
  CLI11_PARSE(app, argc, argv);

  spdlog::set_level(spdlog::level::warn);  // keep migration logs out of the report
  try {
    return run(o);
  } catch (const std::exception& e) {
    std::cerr << "bench: " << e.what() << "\n";
    return 1;
  }
}
