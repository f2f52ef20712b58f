#pragma once
// A complete, valid guide for tests that need a service item, as JSON (what the API takes) and parsed.
#include <nlohmann/json.hpp>

#include <string>

#include "services/services.h"

namespace fishbowl::testing {

inline nlohmann::json sample_guide_json(const std::string& name = "最低生活保障审批") {
  return {{"name", name},
          {"kind", "行政给付"},
          {"legal_basis", "《社会救助暂行办法》第九条"},
          {"conditions", "共同生活的家庭成员人均收入低于当地最低生活保障标准。"},
          {"materials",
           {{{"name", "居民身份证"},
             {"required", true},
             {"form", "原件"},
             {"copies", 1},
             {"source", "公安机关核发"}},
            {{"name", "收入证明"},
             {"required", false},
             {"form", "复印件"},
             {"copies", 2},
             {"source", "申请人自备"}}}},
          {"steps", {{{"text", "申请"}}, {{"text", "受理"}}, {{"text", "审核"}}, {{"text", "办结"}}}},
          {"legal_days", 30},
          {"promised_days", 15},
          {"fees", nlohmann::json::array()},
          {"place", "县政务服务中心一楼"},
          {"window", "社会救助窗口"},
          {"hours", "工作日 9:00-12:00 13:30-17:00"},
          {"phone", "0999-1234567"},
          {"complaint_phone", "0999-12345"},
          {"visits", 1},
          {"online", true},
          {"by_agent", true}};
}

inline services::Guide sample_guide(const std::string& name = "最低生活保障审批") {
  return services::parse_guide(sample_guide_json(name)).value();
}

}  // namespace fishbowl::testing
