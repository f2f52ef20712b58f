// Every change of a publication: creation, editing, the confidentiality review, publication, withdrawal and
// changes of validity. Each loads the publication, checks the move, writes it and records its event.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/crypto.h"
#include "core/html_sanitize.h"
#include "disclosure/internal.h"
#include "org/org.h"
#include "search/search.h"
#include "services/attachments.h"

namespace fishbowl::disclosure {

using detail::scope_of;
using detail::subject_of;
using detail::today_of;

namespace {

Error wrong_state(const Publication& p, const char* action) {
  static const std::map<std::string, std::string> labels{
      {"draft", "草稿"}, {"in_review", "审查中"}, {"published", "已发布"}, {"withdrawn", "已撤回"}};
  auto it = labels.find(p.state);
  return Error::conflict("publication.wrong_state",
                         fmt::format("该信息{}，不能{}", it == labels.end() ? p.state : it->second, action));
}

// Until an edition is published, its text is not public: the ledger gets a commitment to it, so that what
// was reviewed can be proved later without being revealed now.
std::string content_hash(const Edition& e) {
  nlohmann::json j{{"title", e.title},
                   {"body_html", e.body_html},
                   {"document_no", e.document_no},
                   {"attachments", services::refs_json(e.attachments)}};
  // Only a list that has rows is part of the text, so that the commitments of the editions made before there
  // were lists stay as they were.
  if (!e.households.empty()) j["households"] = households_json(e.households);
  return to_hex(sha256(j.dump()));
}

nlohmann::json draft_payload(const Publication& p, const Edition& e) {
  return {{"publication_id", p.id}, {"organ", p.organ_name},    {"column", p.column},
          {"edition", e.number},    {"edition_state", e.state}, {"content_sha256", content_hash(e)}};
}

void record_draft(Command& cmd, const char* type, const Publication& p, const Edition& e,
                  nlohmann::json extra = nlohmann::json::object()) {
  auto payload = draft_payload(p, e);
  payload.update(extra);
  cmd.record(type, scope_of(p), subject_of(p.id), payload);
}

// `notice_kind` is the publication's, "" when it is not a notice.
Status check_edition(soci::session& sql, EditionInput& in, const std::string& notice_kind, Edition& out) {
  auto body = detail::check_body(sql, in.body_html, in.attachments, "publication.empty_body");
  if (!body) return body.error();
  if (auto ok = check_households(notice_kind, in.households); !ok) return ok.error();
  out.households = in.households;
  out.title = in.title;
  out.body_html = std::move(body->html);
  out.body_text = std::move(body->text);
  out.document_no = in.document_no;
  out.attachments = in.attachments;
  return ok_status();
}

// Field names as the API nests them, under "notice".
Status check_period(const std::string& starts_on, const std::string& ends_on) {
  auto starts = parse_date(starts_on), ends = parse_date(ends_on);
  if (!starts) return Error::invalid("notice.invalid_period", "公示开始日期应为有效日期", "notice.starts_on");
  if (!ends || *ends < *starts)
    return Error::invalid("notice.invalid_period", "公示结束日期应为不早于开始日期的有效日期",
                          "notice.ends_on");
  return ok_status();
}

// Remembers that the acting account wrote, changed or submitted this edition, so that it cannot review it.
void note_writer(Command& cmd, long long id, int edition) {
  if (!cmd.actor().account_id) return;
  long long by = *cmd.actor().account_id;
  cmd.sql() << "INSERT INTO publication_edition_writers (publication_id, edition, account_id) "
               "VALUES (:p, :e, :a) ON CONFLICT DO NOTHING",
      soci::use(id), soci::use(edition), soci::use(by);
}

void insert_edition(Command& cmd, long long id, const Edition& e) {
  std::string attachments = services::refs_json(e.attachments).dump();
  std::string households = households_json(e.households).dump();
  soci::indicator by_ind = cmd.actor().account_id ? soci::i_ok : soci::i_null;
  long long by = cmd.actor().account_id.value_or(0);
  cmd.sql()
      << "INSERT INTO publication_editions (publication_id, edition, state, title, body_html, body_text, "
         "document_no, attachments, households, author_id, created_at) "
         "VALUES (:p, :e, :s, :t, :h, :x, :n, :a, :hh, :b, :c)",
      soci::use(id), soci::use(e.number), soci::use(e.state), soci::use(e.title), soci::use(e.body_html),
      soci::use(e.body_text), soci::use(e.document_no), soci::use(attachments), soci::use(households),
      soci::use(by, by_ind), soci::use(cmd.now());
  note_writer(cmd, id, e.number);
}

// Writes the edition's mutable columns, provided its state is still `from`.
Status save_edition(Command& cmd, long long id, const Edition& e, const std::string& from) {
  std::string attachments = services::refs_json(e.attachments).dump();
  std::string households = households_json(e.households).dump();
  soci::indicator rev_ind = e.reviewer_id ? soci::i_ok : soci::i_null;
  long long reviewer = e.reviewer_id.value_or(0);
  soci::statement st =
      (cmd.sql().prepare
           << "UPDATE publication_editions SET state = :s, title = :t, body_html = :h, body_text = :x, "
              "document_no = :n, attachments = :a, households = :hh, reviewer_id = :r, review_note = :rn, "
              "submitted_at = :sa, reviewed_at = :ra WHERE publication_id = :p AND edition = :e AND "
              "state = :from",
       soci::use(e.state), soci::use(e.title), soci::use(e.body_html), soci::use(e.body_text),
       soci::use(e.document_no), soci::use(attachments), soci::use(households), soci::use(reviewer, rev_ind),
       soci::use(e.review_note), soci::use(e.submitted_at), soci::use(e.reviewed_at), soci::use(id),
       soci::use(e.number), soci::use(from));
  st.execute(true);
  if (st.get_affected_rows() != 1)
    return Error::conflict("publication.wrong_state", "该信息刚被他人处理，请刷新后再试");
  return ok_status();
}

// Writes the publication's own mutable columns, provided its state is still `from` (a concurrent change on
// another server then fails instead of being overwritten).
Status save(Command& cmd, Publication& p, const std::string& from) {
  p.updated_at = cmd.now();
  soci::indicator index_ind = p.index_no.empty() ? soci::i_null : soci::i_ok;
  soci::statement st =
      (cmd.sql().prepare
           << "UPDATE publications SET state = :s, published_on = :po, index_no = :i, validity = :v, "
              "withdrawn_reason = :w, live_edition = :le, "
              "latest_edition = :la, updated_at = :u WHERE id = :id AND state = :from",
       soci::use(p.state), soci::use(p.published_on), soci::use(p.index_no, index_ind), soci::use(p.validity),
       soci::use(p.withdrawn_reason), soci::use(p.live_edition), soci::use(p.latest_edition),
       soci::use(p.updated_at), soci::use(p.id), soci::use(from));
  st.execute(true);
  if (st.get_affected_rows() != 1)
    return Error::conflict("publication.wrong_state", "该信息刚被他人处理，请刷新后再试");
  return ok_status();
}

// The next number in the organ's yearly sequence, taken inside the publishing transaction.
std::string next_index_no(Command& cmd, const std::string& organ_code, int year) {
  auto& sql = cmd.sql();
  sql << "INSERT INTO index_sequences (organ_code, year, last) VALUES (:o, :y, 0) ON CONFLICT DO NOTHING",
      soci::use(organ_code), soci::use(year);
  int last = 0;
  sql << "UPDATE index_sequences SET last = last + 1 WHERE organ_code = :o AND year = :y RETURNING last",
      soci::use(organ_code), soci::use(year), soci::into(last);
  return fmt::format("{}/{}-{:05d}", organ_code, year, last);
}

search::Document search_document(const Publication& p) {
  search::Document d;
  d.kind = p.kind;
  d.ref_id = p.id;
  d.title = p.live.title;
  d.text = p.live.document_no + "\n" + p.live.body_text;
  d.level = p.level;
  d.region_path = p.region_path;
  d.department_id = p.department_id;
  d.organ_name = p.organ_name;
  d.column = p.column;
  d.date = p.published_on;
  d.url = "/disclosure/publications/" + std::to_string(p.id);
  return d;
}

}  // namespace

namespace detail {

Result<Body> check_body(soci::session& sql, const std::string& body_html,
                        const std::vector<AttachmentRef>& files, const char* empty_code) {
  constexpr std::size_t kMaxAttachments = 20;
  if (body_html.size() > kMaxBodyBytes)
    return Error::invalid("field.too_long", fmt::format("正文不能超过 {} KB", kMaxBodyBytes / 1024),
                          "body_html");
  auto clean = sanitize_html(body_html);
  bool blank = clean.text.find_first_not_of(" \n\t\r") == std::string::npos;
  if (blank && files.empty() && *empty_code)
    return Error::invalid(empty_code, "正文和附件不能都为空", "body_html");
  if (auto stored = services::check_refs(sql, files, kMaxAttachments, "attachments"); !stored)
    return stored.error();
  return Body{std::move(clean.html), std::move(clean.text)};
}

std::string subject_of(long long id) {
  return "publication:" + std::to_string(id);
}

std::string scope_of(const Publication& p) {
  return p.department_id ? "department:" + std::to_string(*p.department_id)
                         : "region:" + std::to_string(p.region_id);
}

Date today_of(const Command& cmd) {
  auto d = china_date(cmd.now());
  if (!d) throw std::runtime_error("disclosure: command time is malformed: " + cmd.now());
  return *d;
}

}  // namespace detail

Result<Publication> create_publication(Command& cmd, const WorkCalendar& cal, const PublicationInput& in) {
  auto& sql = cmd.sql();
  auto organ = detail::organ_of(sql, in.department_id, in.region_id);
  if (!organ) return organ.error();
  const auto& region = organ->region;
  const Column* column = find_column(in.column);
  if (!column) return Error::invalid("publication.invalid_column", "公开目录中没有该栏目", "column");
  if (column->towns_only && region.level != "town")
    return Error::invalid("publication.invalid_column", "该栏目只用于乡镇发布的信息", "column");
  if (in.notice_kind) {
    if (std::find(notice_kinds().begin(), notice_kinds().end(), *in.notice_kind) == notice_kinds().end())
      return Error::invalid("notice.invalid_kind", "公示类别不正确", "notice.kind");
    if (auto ok = check_period(in.starts_on, in.ends_on); !ok) return ok.error();
  }
  auto formed = parse_date(in.formed_on);
  if (!formed || *formed > today_of(cmd))
    return Error::invalid("publication.invalid_formed_on", "信息形成日期应为不晚于今天的日期", "formed_on");
  Edition e;
  EditionInput text{in.title, in.body_html, in.document_no, in.attachments, in.households, "", ""};
  if (auto ok = check_edition(sql, text, in.notice_kind.value_or(""), e); !ok) return ok.error();
  e.number = 1;
  e.state = "draft";

  std::string due = format_date(cal.add_working_days(*formed, kPublishWithinDays));
  soci::indicator dept_ind = organ->department_id ? soci::i_ok : soci::i_null;
  long long dept = organ->department_id.value_or(0), id = 0;
  std::string kind = in.notice_kind ? "notice" : "publication", notice_kind = in.notice_kind.value_or("");
  std::string starts = in.notice_kind ? in.starts_on : "", ends = in.notice_kind ? in.ends_on : "";
  sql << "INSERT INTO publications (department_id, region_id, region_path, level, organ_code, column_code, "
         "formed_on, due_on, state, latest_edition, created_at, updated_at, kind, notice_kind, starts_on, "
         "ends_on) "
         "VALUES (:d, :r, :p, :l, :o, :c, :f, :due, 'draft', 1, :t, :u, :k, :nk, :s, :e) RETURNING id",
      soci::use(dept, dept_ind), soci::use(region.id), soci::use(region.path), soci::use(region.level),
      soci::use(organ->code), soci::use(in.column), soci::use(in.formed_on), soci::use(due),
      soci::use(cmd.now()), soci::use(cmd.now()), soci::use(kind), soci::use(notice_kind), soci::use(starts),
      soci::use(ends), soci::into(id);
  insert_edition(cmd, id, e);
  auto p = get_publication(sql, id);
  if (!p) return p.error();
  record_draft(cmd, "publication.created", *p, p->latest,
               {{"formed_on", p->formed_on}, {"due_on", p->due_on}});
  return p;
}

Result<Publication> edit_publication(Command& cmd, long long id, const EditionInput& in) {
  auto& sql = cmd.sql();
  auto loaded = get_publication(sql, id);
  if (!loaded) return loaded;
  Publication p = std::move(loaded).value();
  if (p.state == "withdrawn") return wrong_state(p, "修改");
  if (p.latest.state == "in_review") return wrong_state(p, "在审查期间修改");
  Edition e;
  EditionInput copy = in;
  if (auto ok = check_edition(sql, copy, p.notice_kind, e); !ok) return ok.error();
  const Edition& was = p.latest;
  // A notice's period may still move until it is first published (a review that outlasted the period
  // would otherwise leave it unpublishable); once the public has seen it, it stays.
  bool moves_period = !in.starts_on.empty() && (in.starts_on != p.starts_on || in.ends_on != p.ends_on);
  if (!in.starts_on.empty()) {
    if (p.kind != "notice") return Error::conflict("notice.not_a_notice", "该信息不是公示，没有公示期");
    if (auto ok = check_period(in.starts_on, in.ends_on); !ok) return ok.error();
    if (moves_period && p.live_edition > 0)
      return Error::conflict("notice.period_fixed", "公示已发布，公示期不能再改");
  }
  if (e.title == was.title && e.body_html == was.body_html && e.document_no == was.document_no &&
      e.attachments == was.attachments && e.households == was.households && !moves_period)
    return Error::conflict("publication.unchanged", "内容没有变化");
  if (moves_period)
    sql << "UPDATE publications SET starts_on = :s, ends_on = :e WHERE id = :id", soci::use(in.starts_on),
        soci::use(in.ends_on), soci::use(id);
  std::string from = p.state;
  if (was.state == "published") {
    // The published edition stays up; the change becomes the next edition, reviewed again before it shows.
    e.number = was.number + 1;
    e.state = "draft";
    insert_edition(cmd, id, e);
    p.latest_edition = e.number;
  } else {
    e.number = was.number;
    e.state = "draft";
    if (auto saved = save_edition(cmd, id, e, was.state); !saved) return saved.error();
    note_writer(cmd, id, e.number);
  }
  if (auto saved = save(cmd, p, from); !saved) return saved.error();
  auto stored = get_publication(sql, id);
  if (!stored) return stored;
  record_draft(cmd, "publication.edited", *stored, stored->latest);
  return stored;
}

Result<Publication> submit_publication(Command& cmd, long long id) {
  auto loaded = get_publication(cmd.sql(), id);
  if (!loaded) return loaded;
  Publication p = std::move(loaded).value();
  Edition e = p.latest;
  if (p.state == "withdrawn" || (e.state != "draft" && e.state != "returned"))
    return wrong_state(p, "提交审查");
  std::string from = p.state, edition_from = e.state;
  e.state = "in_review";
  e.submitted_at = cmd.now();
  if (auto saved = save_edition(cmd, id, e, edition_from); !saved) return saved.error();
  note_writer(cmd, id, e.number);
  if (p.live_edition == 0) p.state = "in_review";
  if (auto saved = save(cmd, p, from); !saved) return saved.error();
  auto stored = get_publication(cmd.sql(), id);
  if (!stored) return stored;
  record_draft(cmd, "publication.submitted", *stored, stored->latest);
  return stored;
}

namespace {

// The review's common checks: an edition in review of a record not withdrawn (an edition submitted before
// the withdrawal must not bring the record back), and a reviewer who took no part in writing it.
Status reviewable(Command& cmd, const Publication& p, const char* action) {
  if (p.state == "withdrawn" || p.latest.state != "in_review") return wrong_state(p, action);
  if (!cmd.actor().account_id) return ok_status();
  long long by = *cmd.actor().account_id;
  int wrote = 0;
  cmd.sql() << "SELECT COUNT(*) FROM publication_edition_writers WHERE publication_id = :p AND edition = :e "
               "AND account_id = :a",
      soci::use(p.id), soci::use(p.latest.number), soci::use(by), soci::into(wrote);
  if (wrote > 0)
    return Error::conflict("publication.self_review", "保密审查须由未参与撰写、修改或提交该稿的人进行");
  return ok_status();
}

}  // namespace

Result<Publication> return_publication(Command& cmd, long long id, const std::string& note) {
  auto loaded = get_publication(cmd.sql(), id);
  if (!loaded) return loaded;
  Publication p = std::move(loaded).value();
  if (auto ok = reviewable(cmd, p, "退回"); !ok) return ok.error();
  if (note.empty()) return Error::invalid("field.required", "退回须说明理由", "note");
  Edition e = p.latest;
  e.state = "returned";
  e.reviewer_id = cmd.actor().account_id;
  e.review_note = note;
  e.reviewed_at = cmd.now();
  if (auto saved = save_edition(cmd, id, e, "in_review"); !saved) return saved.error();
  std::string from = p.state;
  if (p.live_edition == 0) p.state = "draft";
  if (auto saved = save(cmd, p, from); !saved) return saved.error();
  auto stored = get_publication(cmd.sql(), id);
  if (!stored) return stored;
  record_draft(cmd, "publication.returned", *stored, stored->latest, {{"note", note}});
  return stored;
}

Result<Publication> approve_publication(Command& cmd, long long id, const std::string& note) {
  auto& sql = cmd.sql();
  auto loaded = get_publication(sql, id);
  if (!loaded) return loaded;
  Publication p = std::move(loaded).value();
  if (auto ok = reviewable(cmd, p, "发布"); !ok) return ok.error();
  // A notice published after its period could not be objected to at all.
  if (p.kind == "notice" && format_date(today_of(cmd)) > p.ends_on)
    return Error::conflict("notice.period_over",
                           fmt::format("公示期已于 {} 结束，请修改公示期后另行发布", p.ends_on));
  // Nor may it show days that passed before anyone could see it: the period runs from publication on.
  if (p.kind == "notice" && p.live_edition == 0 && format_date(today_of(cmd)) > p.starts_on)
    return Error::conflict(
        "notice.period_started",
        fmt::format("公示期应自发布之日起算，开始日期 {} 已过，请退回修改公示期后再发布", p.starts_on));
  Edition e = p.latest;
  e.state = "published";
  e.reviewer_id = cmd.actor().account_id;
  e.review_note = note;
  e.reviewed_at = cmd.now();
  if (auto saved = save_edition(cmd, id, e, "in_review"); !saved) return saved.error();
  if (p.live_edition > 0) {
    Edition old = p.live;
    old.state = "superseded";
    if (auto saved = save_edition(cmd, id, old, "published"); !saved) return saved.error();
  }
  std::string from = p.state;
  if (p.published_on.empty()) {
    Date today = today_of(cmd);
    p.published_on = format_date(today);
    p.index_no = next_index_no(cmd, p.organ_code, std::stoi(p.published_on.substr(0, 4)));
  }
  p.state = "published";
  p.live_edition = e.number;
  if (auto saved = save(cmd, p, from); !saved) return saved.error();
  auto stored = get_publication(sql, id);
  if (!stored) return stored;
  search::put(cmd, search_document(*stored));
  // Now public: the event carries the published text itself.
  cmd.record("publication.published", scope_of(*stored), subject_of(id),
             to_public_json(*stored, today_of(cmd)));
  return stored;
}

Result<Publication> withdraw_publication(Command& cmd, long long id, const std::string& reason) {
  auto loaded = get_publication(cmd.sql(), id);
  if (!loaded) return loaded;
  Publication p = std::move(loaded).value();
  if (p.state != "published") return wrong_state(p, "撤回");
  if (reason.empty()) return Error::invalid("field.required", "撤回须说明理由", "reason");
  p.state = "withdrawn";
  p.withdrawn_reason = reason;
  if (auto saved = save(cmd, p, "published"); !saved) return saved.error();
  search::remove(cmd, p.kind, id);
  auto stored = get_publication(cmd.sql(), id);
  if (!stored) return stored;
  cmd.record("publication.withdrawn", scope_of(*stored), subject_of(id),
             {{"publication_id", id}, {"index_no", stored->index_no}, {"reason", reason}});
  return stored;
}

Result<Publication> change_validity(Command& cmd, long long id, const std::string& validity) {
  auto loaded = get_publication(cmd.sql(), id);
  if (!loaded) return loaded;
  Publication p = std::move(loaded).value();
  if (p.state != "published") return wrong_state(p, "变更效力");
  if (p.validity == validity) return Error::conflict("publication.unchanged", "效力没有变化", "validity");
  std::string was = p.validity;
  p.validity = validity;
  if (auto saved = save(cmd, p, "published"); !saved) return saved.error();
  std::string day = format_date(today_of(cmd));
  cmd.sql() << "UPDATE publications SET validity_changed_on = :d WHERE id = :id", soci::use(day),
      soci::use(id);
  auto stored = get_publication(cmd.sql(), id);
  if (!stored) return stored;
  cmd.record("publication.validity_changed", scope_of(*stored), subject_of(id),
             {{"publication_id", id}, {"index_no", stored->index_no}, {"from", was}, {"to", validity}});
  return stored;
}

}  // namespace fishbowl::disclosure
