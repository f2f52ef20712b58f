// Files for tickets: what anyone may upload before filing.
#include <algorithm>
#include <cctype>

#include "hotline/internal.h"

namespace fishbowl::hotline {

namespace {

bool photo_or_pdf(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  auto dot = name.rfind('.');
  if (dot == std::string::npos) return false;
  std::string ext = name.substr(dot);
  return ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".pdf";
}

}  // namespace

Result<services::Attachment> upload_ticket_file(Command& cmd, const std::string& file_name,
                                                const std::string& bytes) {
  if (!photo_or_pdf(file_name))
    return Error::invalid("attachment.unsupported_type", "诉求附件只接受 JPEG、PNG 图片或 PDF 文件",
                          "file_name");
  // Under the county, whose center takes the ticket.
  return services::upload_attachment(cmd, detail::county_scope(cmd.sql()), file_name, bytes, true);
}

}  // namespace fishbowl::hotline
