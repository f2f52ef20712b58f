#include "services/attachments.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/crypto.h"

namespace fishbowl::services {

namespace {

struct Kind {
  const char* extension;
  const char* media_type;
  std::string_view magic;  // how such a file starts
};

// Office Open XML files are ZIP archives; the older Office and WPS files are OLE compound documents.
const Kind kKinds[] = {
    {".pdf", "application/pdf", "%PDF-"},
    {".doc", "application/msword", "\xD0\xCF\x11\xE0"},
    {".wps", "application/vnd.ms-works", "\xD0\xCF\x11\xE0"},
    {".xls", "application/vnd.ms-excel", "\xD0\xCF\x11\xE0"},
    {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK\x03\x04"},
    {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\x03\x04"},
    {".jpg", "image/jpeg", "\xFF\xD8\xFF"},
    {".jpeg", "image/jpeg", "\xFF\xD8\xFF"},
    {".png", "image/png", "\x89PNG\r\n\x1A\n"},
};

const Kind* kind_of(const std::string& file_name) {
  std::string lower = file_name;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const auto& k : kKinds) {
    std::string_view ext = k.extension;
    if (lower.size() > ext.size() && lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0)
      return &k;
  }
  return nullptr;
}

}  // namespace

bool attachment_exists(soci::session& sql, const std::string& sha256) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM attachments WHERE sha256 = :h", soci::use(sha256), soci::into(n);
  return n > 0;
}

Result<Attachment> upload_attachment(Command& cmd, const std::string& owner, const std::string& file_name,
                                     const std::string& bytes, bool private_file) {
  const Kind* kind = kind_of(file_name);
  if (!kind)
    return Error::invalid("attachment.unsupported_type", "只接受 PDF、Word、Excel、WPS、JPEG 或 PNG 文件",
                          "file_name");
  if (bytes.empty()) return Error::invalid("attachment.empty", "文件是空的", "content_base64");
  if (bytes.size() > kMaxAttachment)
    return Error::invalid("attachment.too_large", "附件不能超过 10 MB", "content_base64");
  if (bytes.compare(0, kind->magic.size(), kind->magic) != 0)
    return Error::invalid("attachment.type_mismatch", "文件内容与扩展名不符", "content_base64");
  Attachment a{to_hex(sha256(bytes)), kind->media_type, static_cast<long long>(bytes.size())};
  auto& sql = cmd.sql();
  if (!attachment_exists(sql, a.sha256)) {
    std::string content = base64(bytes);
    soci::indicator by_ind = cmd.actor().account_id ? soci::i_ok : soci::i_null;
    long long by = cmd.actor().account_id.value_or(0);
    sql << "INSERT INTO attachments (sha256, media_type, size, content, created_at, created_by) "
           "VALUES (:h, :m, :s, :c, :t, :b)",
        soci::use(a.sha256), soci::use(a.media_type), soci::use(a.size), soci::use(content),
        soci::use(cmd.now()), soci::use(by, by_ind);
  }
  if (private_file)
    cmd.record("attachment.uploaded", owner, "attachment:private",
               {{"media_type", a.media_type}, {"size", a.size}},
               {{"sha256", a.sha256}, {"file_name", file_name}});
  else
    cmd.record(
        "attachment.uploaded", owner, "attachment:" + a.sha256,
        {{"sha256", a.sha256}, {"file_name", file_name}, {"media_type", a.media_type}, {"size", a.size}});
  return a;
}

nlohmann::json refs_json(const std::vector<AttachmentRef>& refs) {
  auto out = nlohmann::json::array();
  for (const auto& r : refs) out.push_back({{"sha256", r.sha256}, {"name", r.file_name}});
  return out;
}

std::vector<AttachmentRef> refs_from(const std::string& stored) {
  std::vector<AttachmentRef> out;
  for (const auto& r : nlohmann::json::parse(stored))
    out.push_back({r.at("sha256").get<std::string>(), r.at("name").get<std::string>()});
  return out;
}

Status check_refs(soci::session& sql, const std::vector<AttachmentRef>& refs, std::size_t max,
                  const std::string& field) {
  if (refs.size() > max)
    return Error::invalid("field.out_of_range", fmt::format("附件最多 {} 个", max), field);
  for (std::size_t i = 0; i < refs.size(); ++i)
    if (!attachment_exists(sql, refs[i].sha256))
      return Error::invalid("attachment.not_found", "附件不存在，请先上传",
                            fmt::format("{}[{}].sha256", field, i));
  return ok_status();
}

Result<std::pair<Attachment, std::string>> read_attachment(Database& db, const std::string& sha256) {
  return db.read([&](soci::session& sql) -> Result<std::pair<Attachment, std::string>> {
    Attachment a;
    std::string content;
    sql << "SELECT sha256, media_type, size, content FROM attachments WHERE sha256 = :h", soci::use(sha256),
        soci::into(a.sha256), soci::into(a.media_type), soci::into(a.size), soci::into(content);
    if (!sql.got_data()) return Error::not_found("attachment.not_found", "找不到该附件");
    auto bytes = from_base64(content);
    if (!bytes) return Error::internal("attachment.corrupt", "附件内容已损坏");
    return std::make_pair(a, std::move(*bytes));
  });
}

}  // namespace fishbowl::services
