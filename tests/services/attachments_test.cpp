// Blank forms and samples of materials: uploaded by the department's people, checked to be what their name
// says, stored once by hash, served to anyone, and referenced from guides only once stored.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/crypto.h"
#include "services/item_sheet.h"
#include "support/sample_guide.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

using Attachments = ApiTest;

const std::string kPdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "IHDR";

std::string upload_body(long long department, const std::string& name, const std::string& bytes) {
  return nlohmann::json{{"department_id", department}, {"file_name", name}, {"content_base64", base64(bytes)}}
      .dump();
}

TEST_P(Attachments, StaffUploadAFormOnceAndAnyoneDownloadsIt) {
  auto r = call("POST", "/api/v1/attachments", upload_body(fx.dept_county, "低保申请表.pdf", kPdf), "staff");
  ASSERT_EQ(r.status, 201) << r.body;
  auto a = json_of(r);
  EXPECT_EQ(a["sha256"], to_hex(sha256(kPdf)));
  EXPECT_EQ(a["media_type"], "application/pdf");
  EXPECT_EQ(a["size"], kPdf.size());
  auto again =
      call("POST", "/api/v1/attachments", upload_body(fx.dept_county, "另一个名字.PDF", kPdf), "admin");
  EXPECT_EQ(json_of(again)["sha256"], a["sha256"]);
  EXPECT_EQ(count("attachments"), 1);
  EXPECT_EQ(json_of(call("GET", "/api/v1/events?type=attachment.uploaded", "", "supervisor"))["items"].size(),
            2u);

  auto got =
      call("GET", fmt::format("/api/v1/attachments/{}?name=%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf",  // 申请表.pdf
                              a["sha256"].get<std::string>()));
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, kPdf);
  EXPECT_EQ(got.content_type, "application/pdf");
  bool named = false;
  for (const auto& [k, v] : got.headers)
    if (k == "Content-Disposition") {
      EXPECT_EQ(v, "attachment; filename*=UTF-8''%E7%94%B3%E8%AF%B7%E8%A1%A8.pdf");
      named = true;
    }
  EXPECT_TRUE(named);
  EXPECT_EQ(call("GET", "/api/v1/attachments/" + std::string(64, 'a')).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/attachments/short").status, 404);
}

TEST_P(Attachments, OnlyTheKindsOfFileAWindowHandsOutAndOnlyWhatTheNameSays) {
  struct Bad {
    std::string name, bytes, code;
  };
  for (const auto& b :
       std::vector<Bad>{{"表.pdf", kPng, "attachment.type_mismatch"},
                        {"page.html", "<script>alert(1)</script>", "attachment.unsupported_type"},
                        {"tool.exe", "MZ", "attachment.unsupported_type"},
                        {"空.png", "", "field.required"},
                        {"大.pdf", "%PDF-" + std::string(10u << 20, 'x'), "attachment.too_large"}}) {
    auto r = call("POST", "/api/v1/attachments", upload_body(fx.dept_county, b.name, b.bytes), "staff");
    EXPECT_EQ(r.status, 422) << b.name << " " << r.body;
    EXPECT_EQ(json_of(r)["error"]["code"], b.code) << b.name;
  }
  auto not_base64 = call("POST", "/api/v1/attachments",
                         R"({"department_id":1,"file_name":"a.pdf","content_base64":"%%%"})", "admin");
  EXPECT_EQ(not_base64.status, 422);
  EXPECT_EQ(count("attachments"), 0);
}

TEST_P(Attachments, AGuideLinksOnlyStoredFilesAndAnImportKeepsThem) {
  auto form =
      json_of(call("POST", "/api/v1/attachments", upload_body(fx.dept_county, "申请表.pdf", kPdf), "staff"));
  auto sample =
      json_of(call("POST", "/api/v1/attachments", upload_body(fx.dept_county, "样表.png", kPng), "staff"));
  auto guide = sample_guide_json();
  guide["materials"][0]["blank_form"] = {{"sha256", form["sha256"]}, {"file_name", "申请表.pdf"}};
  guide["materials"][0]["sample"] = {{"sha256", sample["sha256"]}, {"file_name", "样表.png"}};
  nlohmann::json body{{"item_code", "A001"},
                      {"department_id", fx.dept_county},
                      {"region_id", fx.county},
                      {"level", "county"},
                      {"guide", guide}};
  auto created = call("POST", "/api/v1/service-items", body.dump(), "staff");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(json_of(created)["guide"]["materials"][0]["blank_form"]["sha256"], form["sha256"]);
  EXPECT_TRUE(json_of(created)["guide"]["materials"][1]["blank_form"].is_null());

  body["item_code"] = "A002";
  body["guide"]["materials"][0]["blank_form"]["sha256"] = std::string(64, 'b');
  auto missing = call("POST", "/api/v1/service-items", body.dump(), "staff");
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(json_of(missing)["error"]["code"], "attachment.not_found");
  EXPECT_EQ(json_of(missing)["error"]["field"], "guide.materials[0].blank_form");
  body["guide"]["materials"][0]["blank_form"]["sha256"] = "../../etc/passwd";
  auto malformed = call("POST", "/api/v1/service-items", body.dump(), "staff");
  EXPECT_EQ(malformed.status, 422);
  EXPECT_EQ(json_of(malformed)["error"]["field"], "guide.materials[0].blank_form.sha256");

  // The sheet has no attachment column; a revision through it keeps the files of the materials it names.
  auto sheet = read_sheet(call("GET", "/api/v1/service-items/export?format=csv").body);
  ASSERT_TRUE(sheet);
  const auto& h = services::sheet_columns();
  sheet->rows[1].cells[std::find(h.begin(), h.end(), "承诺时限（工作日）") - h.begin()] = "9";
  auto r = services::import_items(db(), Actor::system(), *sheet, false);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->revised, 1);
  auto item = json_of(call("GET", "/api/v1/service-items?q=A001"))["items"][0];
  EXPECT_EQ(item["version"], 2);
  EXPECT_EQ(item["guide"]["materials"][0]["sample"]["sha256"], sample["sha256"]);
}

FISHBOWL_BACKEND_SUITE(Attachments);

}  // namespace
}  // namespace fishbowl::testing
