#include <algorithm>

#include "auth/auth.h"

namespace fishbowl::auth {

namespace {

// The decision table: which roles may use each permission. Scope is checked separately, except that
// supervisors read everything (their reading is the point of having them) and public_read/signed_in have no
// scope. An unscoped rule needs only the role: the object itself is checked by the module (a citizen's own
// case).
struct Rule {
  Permission permission;
  std::vector<std::string> roles;
  bool supervisor_reads_all;
  bool unscoped = false;
};

const std::vector<Rule>& rules() {
  static const std::vector<Rule> r{
      {Permission::org_write, {"admin"}, false},
      {Permission::account_read, {"admin"}, true},
      {Permission::account_write, {"admin"}, false},
      {Permission::event_read, {"admin"}, true},
      // The catalogue is kept by the hall's admins and by each department's own staff for its items.
      {Permission::service_write, {"admin", "staff"}, false},
      // Cases are handled by staff and village agents; admins administer people and places, not cases.
      {Permission::case_read, {"admin", "staff", "agent"}, true},
      {Permission::case_file, {"staff", "agent"}, false},
      {Permission::case_forward, {"staff", "agent"}, false},
      {Permission::case_handle, {"staff"}, false},
      {Permission::case_apply, {"citizen"}, false, true},
      // An organ's staff write its publications; its staff and the admins over it review them (the author
      // never reviews their own edition: the module checks that). Supervisors read drafts and reviews.
      {Permission::publication_read, {"admin", "staff"}, true},
      {Permission::publication_write, {"admin", "staff"}, false},
      {Permission::publication_review, {"admin", "staff"}, false},
      // Requests are handled like publications, by the asked organ's staff and the admins over it (a
      // region's government has no department staff); an extension needs a second person. Supervisors read
      // them all.
      {Permission::info_request_read, {"admin", "staff"}, true},
      {Permission::info_request_handle, {"admin", "staff"}, false},
      {Permission::info_request_approve, {"admin", "staff"}, false},
      // Village accounts are kept by the town over the village (村账乡代管): its staff and admins, and the
      // county's. Their drafts are read by those who write them; what is posted is public.
      {Permission::village_affairs_write, {"admin", "staff"}, false},
      // Tickets: the linkage center is a department (its staff) under the county's admins; an assignee is a
      // department's staff or a town's people. Supervisors read every ticket and may escalate any.
      {Permission::ticket_read, {"admin", "staff"}, true},
      {Permission::ticket_center, {"admin", "staff"}, false},
      {Permission::ticket_handle, {"admin", "staff"}, false},
      {Permission::ticket_escalate, {"admin", "staff"}, true},
      // Keys let outside clients file tickets: the county's admins hand them out (routes target the whole
      // deployment, which only a county scope covers).
      {Permission::open311_keys, {"admin"}, false},
  };
  return r;
}

bool is_county_scope(const RoleGrant& g) {
  return !g.department_id && std::count(g.scope_path.begin(), g.scope_path.end(), '/') == 2;
}

}  // namespace

const char* permission_name(Permission p) {
  switch (p) {
    case Permission::public_read:
      return "public_read";
    case Permission::signed_in:
      return "signed_in";
    case Permission::org_write:
      return "org_write";
    case Permission::account_read:
      return "account_read";
    case Permission::account_write:
      return "account_write";
    case Permission::event_read:
      return "event_read";
    case Permission::service_write:
      return "service_write";
    case Permission::case_read:
      return "case_read";
    case Permission::case_file:
      return "case_file";
    case Permission::case_forward:
      return "case_forward";
    case Permission::case_handle:
      return "case_handle";
    case Permission::case_apply:
      return "case_apply";
    case Permission::publication_read:
      return "publication_read";
    case Permission::publication_write:
      return "publication_write";
    case Permission::publication_review:
      return "publication_review";
    case Permission::info_request_read:
      return "info_request_read";
    case Permission::info_request_handle:
      return "info_request_handle";
    case Permission::info_request_approve:
      return "info_request_approve";
    case Permission::village_affairs_write:
      return "village_affairs_write";
    case Permission::ticket_read:
      return "ticket_read";
    case Permission::ticket_center:
      return "ticket_center";
    case Permission::ticket_handle:
      return "ticket_handle";
    case Permission::ticket_escalate:
      return "ticket_escalate";
    case Permission::open311_keys:
      return "open311_keys";
  }
  return "unknown";
}

bool scope_covers(const RoleGrant& g, const Target& target) {
  if (target.region_path.empty()) return is_county_scope(g);
  if (g.department_id) return target.department_id == g.department_id;
  return !g.scope_path.empty() && target.region_path.rfind(g.scope_path, 0) == 0;
}

Status authorize(const Principal* p, Permission perm, const Target& target) {
  if (perm == Permission::public_read) return ok_status();
  if (!p) return Error::unauthenticated("auth.required", "请先登录");
  if (perm == Permission::signed_in) return ok_status();
  for (const auto& rule : rules()) {
    if (rule.permission != perm) continue;
    for (const auto& g : p->account.roles) {
      if (rule.supervisor_reads_all && g.role == "supervisor") return ok_status();
      if (std::find(rule.roles.begin(), rule.roles.end(), g.role) != rule.roles.end() &&
          (rule.unscoped || scope_covers(g, target)))
        return ok_status();
    }
  }
  return Error::forbidden("auth.forbidden", "您的角色或管辖范围不允许此操作");
}

}  // namespace fishbowl::auth
