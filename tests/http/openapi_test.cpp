// The API description and the router agree: every registered route is documented, and nothing else is.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/embedded.h"
#include "support/test_api.h"

namespace fishbowl::testing {
namespace {

using OpenApi = ApiTest;

TEST_P(OpenApi, EveryRegisteredRouteIsDocumentedAndNothingElse) {
  auto doc = nlohmann::json::parse(embedded_file("openapi.json"));
  ASSERT_EQ(doc["openapi"], "3.1.0");
  const auto& paths = doc["paths"];
  std::size_t documented = 0;
  for (const auto& [path, item] : paths.items())
    for (const auto& [method, op] : item.items())
      if (method != "parameters") ++documented;
  for (const auto& route : api->routes()) {
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), ::tolower);
    EXPECT_TRUE(paths.contains(route.pattern) && paths[route.pattern].contains(method))
        << route.method << " " << route.pattern << " is missing from docs/api/openapi.yaml";
  }
  EXPECT_EQ(documented, api->routes().size()) << "docs/api/openapi.yaml documents routes that do not exist";
}

TEST_P(OpenApi, IsServedAsJson) {
  auto res = call("GET", "/api/v1/openapi.json");
  ASSERT_EQ(res.status, 200);
  auto doc = json_of(res);
  EXPECT_TRUE(doc.contains("paths"));
  EXPECT_TRUE(doc["components"]["schemas"].contains("Error"));
}

FISHBOWL_BACKEND_SUITE(OpenApi);

}  // namespace
}  // namespace fishbowl::testing
