// Guides: what parse_guide takes and refuses, and that what to_json writes reads back as the same guide.
#include <gtest/gtest.h>

#include "services/services.h"
#include "support/sample_guide.h"

namespace fishbowl::services {
namespace {

using testing::sample_guide_json;

std::string refused_field(nlohmann::json j) {
  auto g = parse_guide(j);
  return g ? std::string("(accepted)") : g.error().field;
}

TEST(Guide, WhatIsWrittenReadsBackTheSame) {
  Guide g = parse_guide(sample_guide_json()).value();
  EXPECT_EQ(g.materials.size(), 2u);
  EXPECT_FALSE(g.materials[1].required);
  EXPECT_EQ(g.materials[1].copies, 2);
  EXPECT_EQ(g.steps.size(), 4u);
  auto again = parse_guide(to_json(g));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(*again, g);
  EXPECT_EQ(to_json(g)["free"], true);
}

TEST(Guide, DefaultsOfAMaterial) {
  auto j = sample_guide_json();
  j["materials"] = {{{"name", "户口簿"}}};
  Guide g = parse_guide(j).value();
  EXPECT_TRUE(g.materials[0].required);
  EXPECT_EQ(g.materials[0].form, "原件");
  EXPECT_EQ(g.materials[0].copies, 1);
}

TEST(Guide, EachProblemIsNamedByItsPath) {
  auto j = sample_guide_json();
  j["materials"][1]["copies"] = 100;
  EXPECT_EQ(refused_field(j), "materials[1].copies");
  j = sample_guide_json();
  j["materials"][0]["form"] = "传真件";
  EXPECT_EQ(refused_field(j), "materials[0].form");
  j = sample_guide_json();
  j["materials"][0]["colour"] = "red";
  EXPECT_EQ(refused_field(j), "materials[0].colour");
  j = sample_guide_json();
  j["steps"] = nlohmann::json::array();
  EXPECT_EQ(refused_field(j), "steps");
  j = sample_guide_json();
  j["kind"] = "行政处罚";
  EXPECT_EQ(refused_field(j), "kind");
  j = sample_guide_json();
  j.erase("complaint_phone");
  EXPECT_EQ(refused_field(j), "complaint_phone");
  j = sample_guide_json();
  j["promised_days"] = 31;
  EXPECT_EQ(refused_field(j), "promised_days");
  j = sample_guide_json();
  j["online"] = "yes";
  EXPECT_EQ(refused_field(j), "online");
}

TEST(Guide, FeesAreYuanWithAtMostTwoDecimals) {
  auto with_fee = [](const std::string& amount) {
    auto j = sample_guide_json();
    j["fees"] = {{{"name", "工本费"}, {"amount", amount}, {"basis", "发改价格〔2017〕1186号"}}};
    j.erase("free");
    return j;
  };
  for (const char* good : {"0", "20", "12.5", "12.50", "999999.99"})
    EXPECT_EQ(refused_field(with_fee(good)), "(accepted)") << good;
  for (const char* bad : {"", "-1", "1.234", "01", "1,000", "1e3", "1000000", ".5", "5."})
    EXPECT_EQ(refused_field(with_fee(bad)), "fees[0].amount") << bad;
  auto j = with_fee("20");
  EXPECT_EQ(to_json(parse_guide(j).value())["free"], false);
  j["free"] = true;  // a guide cannot be free and list a fee
  EXPECT_EQ(refused_field(j), "free");
}

}  // namespace
}  // namespace fishbowl::services
