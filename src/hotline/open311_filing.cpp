// Filing a service request: the spec's checks of location and attributes, then a ticket of channel open311.
#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "core/crypto.h"
#include "core/text.h"
#include "hotline/internal.h"
#include "hotline/open311.h"

namespace fishbowl::hotline {

namespace {

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

Status within(const std::string& value, std::size_t max_chars, const char* field, const char* what) {
  if (utf8_length(value) > max_chars || has_control_chars(value))
    return Error::invalid("field.too_long",
                          fmt::format("{}至多 {} 个字符，且不能含控制字符", what, max_chars), field);
  return ok_status();
}

bool is_number(const std::string& s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(v);
}

bool is_http_url(const std::string& s) {
  if (s.rfind("http://", 0) != 0 && s.rfind("https://", 0) != 0) return false;
  for (unsigned char ch : s)
    if (ch <= ' ' || ch == 0x7f || ch == '"' || ch == '<' || ch == '>') return false;
  return s.size() > 8;
}

Error bad_attribute(const CategoryAttribute& a, const char* why) {
  return Error::invalid("open311.invalid_attribute",
                        fmt::format("属性 {}（{}）{}", a.code, a.description, why),
                        "attribute[" + a.code + "]");
}

bool listed(const CategoryAttribute& a, const std::string& key) {
  for (const auto& v : a.values)
    if (v.key == key) return true;
  return false;
}

// The answers checked against the category's attributes, as stored: code -> text, or a list for a
// multivaluelist.
Result<nlohmann::json> checked_attributes(const Category& c,
                                          const std::multimap<std::string, std::string>& given) {
  for (const auto& [code, value] : given) {
    bool known = false;
    for (const auto& a : c.attributes) known = known || (a.variable && a.code == code);
    if (!known) {
      std::string shown = code.size() <= 64 && !has_control_chars(code) ? code : "?";
      return Error::invalid("open311.invalid_attribute",
                            fmt::format("类别“{}”没有名为 {} 的属性", c.name, shown), "attribute");
    }
  }
  nlohmann::json out = nlohmann::json::object();
  for (const auto& a : c.attributes) {
    if (!a.variable) continue;
    std::vector<std::string> values;
    auto [from, to] = given.equal_range(a.code);
    for (auto it = from; it != to; ++it)
      if (!blank(it->second)) values.push_back(it->second);
    if (values.empty()) {
      if (a.required)
        return Error::invalid("open311.missing_attribute",
                              fmt::format("请填写属性 {}（{}）", a.code, a.description),
                              "attribute[" + a.code + "]");
      continue;
    }
    if (a.datatype == "multivaluelist") {
      if (values.size() > a.values.size()) return bad_attribute(a, "的选项重复");
      for (const auto& v : values)
        if (!listed(a, v)) return bad_attribute(a, "的取值不在可选项中");
      out[a.code] = values;
      continue;
    }
    if (values.size() > 1) return bad_attribute(a, "只能有一个取值");
    const std::string& v = values.front();
    if (a.datatype == "singlevaluelist" && !listed(a, v)) return bad_attribute(a, "的取值不在可选项中");
    if (a.datatype == "number" && !is_number(v)) return bad_attribute(a, "应为数字");
    if (a.datatype == "datetime" && !parse_utc(v)) return bad_attribute(a, "应为带时区的 ISO 8601 时间");
    if (a.datatype == "string" && (v.find_first_of("\r\n") != std::string::npos || utf8_length(v) > 200))
      return bad_attribute(a, "应为不超过 200 字的单行文字");
    if (utf8_length(v) > 2000 || has_control_chars(v)) return bad_attribute(a, "过长或含控制字符");
    out[a.code] = v;
  }
  return out;
}

Status check_input(const RequestInput& in) {
  for (auto [value, max, field, what] : {std::tuple{&in.address_string, 200, "address_string", "地址"},
                                         {&in.address_id, 64, "address_id", "地址编号"},
                                         {&in.email, 254, "email", "电子邮箱"},
                                         {&in.device_id, 128, "device_id", "设备编号"},
                                         {&in.account_id, 64, "account_id", "账号"},
                                         {&in.first_name, 16, "first_name", "名"},
                                         {&in.last_name, 16, "last_name", "姓"},
                                         {&in.phone, 20, "phone", "电话"},
                                         {&in.description, 4000, "description", "描述"},
                                         {&in.media_url, 1000, "media_url", "媒体地址"}})
    if (auto s = within(*value, static_cast<std::size_t>(max), field, what); !s) return s;
  if (in.lat.has_value() != in.lon.has_value())
    return Error::invalid("open311.invalid_location", "lat 和 long 须同时提供", "lat");
  if (in.lat && !detail::in_china(*in.lat, *in.lon))
    return Error::invalid("open311.invalid_location",
                          "坐标应在中国境内：纬度 3.8 至 53.6，经度 73.5 至 135.1（WGS-84）", "lat");
  if (!in.lat && blank(in.address_string) && blank(in.address_id))
    return Error::invalid("open311.no_location", "请提供位置：lat 和 long，或 address_string，或 address_id",
                          "lat");
  if (!in.email.empty() &&
      (in.email.find('@') == std::string::npos || in.email.find(' ') != std::string::npos))
    return Error::invalid("field.invalid", "电子邮箱格式不正确", "email");
  if (!in.media_url.empty() && !is_http_url(in.media_url))
    return Error::invalid("open311.invalid_media_url", "media_url 应为 http 或 https 地址", "media_url");
  return ok_status();
}

}  // namespace

Result<FiledRequest> file_request(Command& cmd, const RequestInput& in) {
  auto& sql = cmd.sql();
  auto category = get_category(sql, in.service_code);
  if (!category) return category.error();
  if (auto s = check_input(in); !s) return s.error();
  auto answers = checked_attributes(*category, in.attributes);
  if (!answers) return answers.error();

  // Chinese names put the family name first.
  TicketInput t{category->kind,    "open311",      in.last_name + in.first_name,
                in.phone,          std::nullopt,   in.region_id,
                in.address_string, in.lat,         in.lon,
                category->name,    in.description, {}};
  auto ticket = file_ticket(cmd, t);
  if (!ticket) return ticket.error();
  sql << "UPDATE tickets SET category = :c WHERE id = :id", soci::use(category->code), soci::use(ticket->id);

  std::string token = base64url(random_bytes(16));
  std::string attributes = answers->dump();
  sql << "INSERT INTO open311_requests (ticket_id, token, key_id, address_id, media_url, email, device_id, "
         "account_ref, attributes) VALUES (:t, :tok, :k, :ai, :m, :e, :d, :a, :at)",
      soci::use(ticket->id), soci::use(token), soci::use(in.key_id), soci::use(in.address_id),
      soci::use(in.media_url), soci::use(in.email), soci::use(in.device_id), soci::use(in.account_id),
      soci::use(attributes);

  // The answers may name people or places: like the submitter's contact data, they enter the ledger as
  // commitments only.
  nlohmann::json personal = nlohmann::json::object();
  for (auto [field, value] : {std::pair{"email", &in.email},
                              {"device_id", &in.device_id},
                              {"account_id", &in.account_id},
                              {"address_id", &in.address_id}})
    if (!value->empty()) personal[field] = *value;
  if (!answers->empty()) personal["attributes"] = attributes;
  cmd.record("open311.request_filed", "region:" + std::to_string(ticket->region_id),
             "ticket:" + std::to_string(ticket->id),
             {{"ticket_no", ticket->ticket_no},
              {"service_code", category->code},
              {"key_id", in.key_id},
              {"media_url", in.media_url}},
             personal);
  return FiledRequest{ticket->ticket_no, token, category->service_notice};
}

}  // namespace fishbowl::hotline
