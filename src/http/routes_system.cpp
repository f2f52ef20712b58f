// Operational routes: health, metrics, and the API description.
#include "core/embedded.h"
#include "http/api.h"
#include "http/metrics.h"

namespace fishbowl::http {

void add_system_routes(Api& api) {
  api.add({"GET", "/healthz", auth::Permission::public_read, nullptr, [](Call& c) -> Result<Response> {
             // Healthy means the database answers, not only that the process runs.
             auto ok = c.app.db.read([](soci::session& sql) -> Status {
               int one = 0;
               sql << "SELECT 1", soci::into(one);
               return ok_status();
             });
             if (!ok) return ok.error();
             return Response::json(200, {{"status", "ok"}, {"version", FISHBOWL_VERSION}});
           }});
  api.add({"GET", "/metrics", auth::Permission::public_read, nullptr, [](Call& c) -> Result<Response> {
             Response r;
             r.content_type = "text/plain; version=0.0.4; charset=utf-8";
             r.body = c.app.metrics.render(c.app.db.stats());
             return r;
           }});
  api.add(
      {"GET", "/api/v1/openapi.json", auth::Permission::public_read, nullptr, [](Call&) -> Result<Response> {
         Response r;
         r.body = std::string(embedded_file("openapi.json"));
         return r;
       }});
}

}  // namespace fishbowl::http
