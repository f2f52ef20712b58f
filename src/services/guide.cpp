// Reading and writing guides. Field limits follow what a guide page shows: names fit one line, texts of
// legal basis and conditions may be long.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/json_input.h"
#include "services/services.h"

namespace fishbowl::services {

namespace {

constexpr std::size_t kLine = 128;
constexpr std::size_t kLongText = 8000;
constexpr std::size_t kMaxList = 100;
constexpr int kMaxDays = 365;

// Reads each object of an array with its own JsonInput; the first problem is reported with its path
// ("materials[2].copies").
template <class T, class Read>
std::vector<T> read_list(JsonInput& in, const char* field, bool required, Read read) {
  std::vector<T> out;
  const auto* raw = in.raw(field);
  if (!raw) {
    if (required) in.fail(Error::invalid("field.required", fmt::format("缺少必填字段 {}", field), field));
    return out;
  }
  if (!raw->is_array()) {
    in.fail(Error::invalid("field.wrong_type", fmt::format("字段 {} 应为数组", field), field));
    return out;
  }
  if (raw->size() > kMaxList) {
    in.fail(Error::invalid("field.too_long", fmt::format("字段 {} 最多 {} 项", field, kMaxList), field));
    return out;
  }
  for (std::size_t i = 0; i < raw->size(); ++i) {
    std::string path = fmt::format("{}[{}]", field, i);
    const auto& element = (*raw)[i];
    if (!element.is_object()) {
      in.fail(Error::invalid("field.wrong_type", fmt::format("字段 {} 应为对象", path), path));
      return out;
    }
    JsonInput item(element);
    T value = read(item);
    if (auto e = item.error()) {
      e->field = path + "." + e->field;
      in.fail(*e);
      return out;
    }
    out.push_back(std::move(value));
  }
  return out;
}

// Yuan with at most two decimal places, below one million: "20", "12.5", "12.50".
bool valid_amount(const std::string& s) {
  auto dot = s.find('.');
  std::string whole = s.substr(0, dot), frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  auto digits = [](const std::string& t) {
    for (char c : t)
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
  };
  return !whole.empty() && whole.size() <= 6 && digits(whole) && (whole == "0" || whole[0] != '0') &&
         (dot == std::string::npos || (!frac.empty() && frac.size() <= 2 && digits(frac)));
}

std::optional<AttachmentRef> read_attachment_ref(JsonInput& in, const char* field) {
  const auto* raw = in.raw(field);
  if (!raw || raw->is_null()) return std::nullopt;
  if (!raw->is_object()) {
    in.fail(Error::invalid("field.wrong_type", fmt::format("字段 {} 应为对象", field), field));
    return std::nullopt;
  }
  JsonInput ref(*raw);
  AttachmentRef out{ref.text("sha256", 64), ref.text("file_name", kLine)};
  bool hex = out.sha256.size() == 64 && std::all_of(out.sha256.begin(), out.sha256.end(), [](char c) {
               return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
             });
  if (auto e = ref.error()) {
    e->field = std::string(field) + "." + e->field;
    in.fail(*e);
  } else if (!hex) {
    in.fail(Error::invalid("field.invalid", "sha256 应为 64 位小写十六进制", std::string(field) + ".sha256"));
  }
  return out;
}

nlohmann::json ref_json(const std::optional<AttachmentRef>& r) {
  if (!r) return nullptr;
  return {{"sha256", r->sha256}, {"file_name", r->file_name}};
}

std::vector<std::string> read_life_events(JsonInput& in) {
  std::vector<std::string> out;
  const auto* raw = in.raw("life_events");
  if (!raw) return out;
  if (!raw->is_array()) {
    in.fail(Error::invalid("field.wrong_type", "字段 life_events 应为数组", "life_events"));
    return out;
  }
  const auto& known = life_events();
  for (const auto& e : *raw) {
    if (!e.is_string() || std::find(known.begin(), known.end(), e.get<std::string>()) == known.end()) {
      in.fail(
          Error::invalid("field.invalid", "life_events 只能取平台列出的人生事件、企业事件", "life_events"));
      return out;
    }
    if (std::find(out.begin(), out.end(), e.get<std::string>()) == out.end())
      out.push_back(e.get<std::string>());
  }
  return out;
}

}  // namespace

const std::vector<std::string>& item_kinds() {
  static const std::vector<std::string> kinds{"行政许可", "行政确认", "行政给付",     "行政裁决",
                                              "行政奖励", "行政征收", "其他行政权力", "公共服务"};
  return kinds;
}

const std::vector<std::string>& item_levels() {
  static const std::vector<std::string> levels{"county", "town", "village"};
  return levels;
}

const std::vector<std::string>& material_forms() {
  static const std::vector<std::string> forms{"原件", "复印件", "原件和复印件", "电子件"};
  return forms;
}

const std::vector<std::string>& life_events() {
  static const std::vector<std::string> events{
      "出生",   "上学",     "就业创业", "婚育",     "住房",     "就医",     "社会保障", "出行",    "退休养老",
      "身后事", "困难救助", "农业生产", "企业开办", "经营许可", "工程建设", "企业变更", "企业注销"};
  return events;
}

Result<Guide> parse_guide(const nlohmann::json& j) {
  if (!j.is_object()) return Error::invalid("field.wrong_type", "字段 guide 应为对象", "guide");
  JsonInput in(j);
  Guide g;
  g.name = in.text("name", kLine);
  g.kind = in.choice("kind", item_kinds());
  g.legal_basis = in.text("legal_basis", kLongText);
  g.conditions = in.text("conditions", kLongText);
  g.materials = read_list<Material>(in, "materials", false, [](JsonInput& m) {
    Material x;
    x.name = m.text("name", kLine);
    x.required = m.flag("required", true);
    x.form = m.optional_choice("form", material_forms()).value_or("原件");
    x.copies = static_cast<int>(m.has("copies") ? m.integer("copies", 0, 99) : 1);
    x.source = m.optional_text("source", kLine).value_or("");
    x.note = m.optional_text("note", 1000).value_or("");
    x.blank_form = read_attachment_ref(m, "blank_form");
    x.sample = read_attachment_ref(m, "sample");
    return x;
  });
  g.steps = read_list<std::string>(in, "steps", true, [](JsonInput& s) { return s.text("text", 1000); });
  g.legal_days = static_cast<int>(in.integer("legal_days", 0, kMaxDays));
  g.promised_days = static_cast<int>(in.integer("promised_days", 0, kMaxDays));
  g.fees = read_list<Fee>(in, "fees", false, [](JsonInput& f) {
    Fee x;
    x.name = f.text("name", kLine);
    x.amount = f.text("amount", 16);
    if (!x.amount.empty() && !valid_amount(x.amount))
      f.fail(Error::invalid("field.invalid", "金额应为不超过两位小数的元数，如 20 或 12.50", "amount"));
    x.basis = f.text("basis", 1000);
    return x;
  });
  // "free" is derived from the fees; it is accepted so that a guide read from the API can be sent back.
  bool free = in.flag("free", g.fees.empty());
  if (free != g.fees.empty())
    in.fail(Error::invalid("field.invalid", "free 与收费项目不一致：免费事项不应列收费项目", "free"));
  g.place = in.text("place", 256);
  g.window = in.optional_text("window", kLine).value_or("");
  g.hours = in.text("hours", 256);
  g.phone = in.text("phone", 32);
  g.complaint_phone = in.text("complaint_phone", 32);
  g.visits = static_cast<int>(in.integer("visits", 0, 9));
  g.online = in.flag("online", false);
  g.by_agent = in.flag("by_agent", false);
  g.life_events = read_life_events(in);
  if (auto e = in.error()) return *e;
  if (g.steps.empty()) return Error::invalid("field.required", "办理流程至少要有一步", "steps");
  if (g.promised_days > g.legal_days)
    return Error::invalid("service_item.promise_exceeds_law", "承诺时限不能长于法定时限", "promised_days");
  return g;
}

nlohmann::json to_json(const Guide& g) {
  auto materials = nlohmann::json::array();
  for (const auto& m : g.materials)
    materials.push_back({{"name", m.name},
                         {"required", m.required},
                         {"form", m.form},
                         {"copies", m.copies},
                         {"source", m.source},
                         {"note", m.note},
                         {"blank_form", ref_json(m.blank_form)},
                         {"sample", ref_json(m.sample)}});
  auto steps = nlohmann::json::array();
  for (const auto& s : g.steps) steps.push_back({{"text", s}});
  auto fees = nlohmann::json::array();
  for (const auto& f : g.fees) fees.push_back({{"name", f.name}, {"amount", f.amount}, {"basis", f.basis}});
  return {{"name", g.name},
          {"kind", g.kind},
          {"legal_basis", g.legal_basis},
          {"conditions", g.conditions},
          {"materials", materials},
          {"steps", steps},
          {"legal_days", g.legal_days},
          {"promised_days", g.promised_days},
          {"fees", fees},
          {"free", g.fees.empty()},
          {"place", g.place},
          {"window", g.window},
          {"hours", g.hours},
          {"phone", g.phone},
          {"complaint_phone", g.complaint_phone},
          {"visits", g.visits},
          {"online", g.online},
          {"by_agent", g.by_agent},
          {"life_events", g.life_events}};
}

}  // namespace fishbowl::services
