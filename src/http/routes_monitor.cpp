// What a monitoring node serves: only what it has verified, so anyone can compare what different nodes saw.
#include "http/api.h"
#include "http/metrics.h"
#include "monitor/monitor.h"

namespace fishbowl::http {

std::unique_ptr<Api> make_monitor_api(App app, monitor::Monitor& node) {
  app.config.sessions = false;  // a monitor has no accounts
  auto api = std::make_unique<Api>(std::move(app));
  using auth::Permission;
  api->add({"GET", "/healthz", Permission::public_read, nullptr, [](Call&) -> Result<Response> {
              return Response::json(200, {{"status", "ok"}});
            }});
  api->add({"GET", "/metrics", Permission::public_read, nullptr, [](Call& c) -> Result<Response> {
              Response r;
              r.content_type = "text/plain; version=0.0.4; charset=utf-8";
              r.body = c.app.metrics.render(c.app.db.stats());
              return r;
            }});
  api->add(
      {"GET", "/monitor/v1/status", Permission::public_read, nullptr,
       [&node](Call&) -> Result<Response> { return Response::json(200, monitor::to_json(node.status())); }});
  api->add(
      {"GET", "/monitor/v1/checkpoint", Permission::public_read, nullptr, [&node](Call&) -> Result<Response> {
         auto s = node.status();
         if (s.checkpoint.empty()) return Error::not_found("monitor.nothing_verified", "尚未验证任何检查点");
         Response r;
         r.content_type = "text/plain; charset=utf-8";
         r.body = s.checkpoint;
         return r;
       }});
  api->add(
      {"GET", "/monitor/v1/alerts", Permission::public_read, nullptr, [&node](Call&) -> Result<Response> {
         auto items = nlohmann::json::array();
         for (const auto& a : node.alerts()) items.push_back(monitor::to_json(a));
         return Response::json(200, {{"items", items}});
       }});
  return api;
}

}  // namespace fishbowl::http
