#pragma once
// Accounts, roles at scopes, sessions, and the one authorization function.
//
// An account holds roles, each bound to a scope: a region subtree or one department (citizens hold no scope).
// authorize() is the only place that decides whether a principal may do something to a target; every HTTP
// route names its permission and target and the router calls it before the handler runs. Default deny.
//
// Passwords are argon2id hashes (libargon2). Session tokens are 256 random bits, sent to the browser once and
// stored only as SHA-256 hashes; each session has its own CSRF token that state-changing requests must echo.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "ledger/command.h"
#include "storage/database.h"

namespace fishbowl::auth {

// --- passwords ---
std::string hash_password(std::string_view password);
bool verify_password(std::string_view encoded, std::string_view password);
// 8..128 characters, not only digits; field "password". Error code auth.weak_password.
Status check_password_rules(std::string_view password);

// --- accounts and roles ---
const std::vector<std::string>& roles();  // admin, staff, agent, supervisor, citizen

struct RoleGrant {
  long long id = 0;
  std::string role;
  std::optional<long long> region_id;
  std::optional<long long> department_id;
  std::string scope_path;  // region path of the scope ("/1/4/"); for a department, its region's path
  std::string scope_name;  // region or department name, for display
};

struct Account {
  long long id = 0;
  std::string login;
  std::string display_name;
  bool disabled = false;
  std::vector<RoleGrant> roles;
};

struct GrantInput {
  std::string role;
  std::optional<long long> region_id;
  std::optional<long long> department_id;
};

struct AccountInput {
  std::string login;         // 3..64 of [a-z0-9._-]
  std::string display_name;  // 1..64 characters
  std::string password;
  std::optional<GrantInput> grant;  // the first role, if any
  // Bulk loads (the demo county) hash one password once and share the hash; password is then ignored.
  std::string password_hash;
};

// Records account.created (and account.granted). Errors: account.invalid_login, account.duplicate_login
// (409), auth.weak_password, and the grant's errors.
Result<Account> create_account(Command& cmd, const AccountInput& in);
// Records account.granted. Errors: account.not_found, role.invalid_scope (422), role.duplicate (409).
Result<RoleGrant> grant_role(Command& cmd, long long account_id, const GrantInput& in);
// Records account.revoked. Errors: account.not_found, role.not_found.
Result<RoleGrant> revoke_role(Command& cmd, long long account_id, long long grant_id);

Result<Account> get_account(Database& db, long long id);
Result<Account> find_account_by_login(Database& db, const std::string& login);
// Accounts holding at least one role inside the region subtree at path (all accounts when path is empty).
Result<std::vector<Account>> list_accounts(Database& db, const std::string& region_path);
// The scope a grant would have, resolved against stored regions/departments (for authorization and
// validation).
Result<RoleGrant> resolve_grant(soci::session& sql, const GrantInput& in);

nlohmann::json to_json(const Account& a);
nlohmann::json to_json(const RoleGrant& g);

// --- sessions ---
struct Principal {
  Account account;
  std::string csrf_token;
  std::string token_hash;
  // The actor recorded on events: the account, in its most powerful role.
  Actor actor() const;
};

struct NewSession {
  std::string token;  // give to the browser once; never stored
  std::string csrf_token;
  std::string expires_at;
  Account account;
};

// Checks the password (argon2id, constant work whether or not the login exists) and opens a session.
// Records session.started. Error: auth.invalid_credentials (401) for any mismatch, disabled accounts
// included.
Result<NewSession> login(Database& db, const std::string& login, const std::string& password,
                         int ttl_hours = 12);
// Closes the session. Records session.ended.
Status logout(Database& db, const Principal& p);
// The principal of a live session, or nullopt for a missing, unknown or expired token.
std::optional<Principal> authenticate(Database& db, std::string_view token);

// --- authorization ---
enum class Permission {
  public_read,    // anyone, no login
  signed_in,      // any logged-in account
  org_write,      // change regions, departments, service points
  account_read,   // list and read accounts
  account_write,  // create accounts, grant and revoke roles
  event_read,     // read the internal event log
  service_write,  // create service items and revise their guides
  case_read,      // read the cases filed in a scope, or of a department's items
  case_file,      // file a case at a window or for a resident (代办), withdraw it on the applicant's word
  case_forward,   // pass a case held at a village room or town center up to the next level
  case_handle,    // accept, refuse, notify missing materials, review, decide, complete, answer follow-ups
  case_apply,     // a citizen's own cases, filed online (no scope: the case itself is checked)
  publication_read,      // read an organ's drafts, reviews and late list (the public reads what is published)
  publication_write,     // draft and edit an organ's publications, submit them for review, change validity
  publication_review,    // the confidentiality review: approve (publish) or return; withdraw a publication
  info_request_read,     // read the information requests made to an organ, with the applicants' data
  info_request_handle,   // record a request by letter or in person; supplement, consult, ask to extend, reply
  info_request_approve,  // approve or reject an extension (never one the same person asked for)
  village_affairs_write,  // draft a village's affairs and accounts, record the oversight sign-off, post them
  ticket_read,      // read the tickets at the linkage center, or those dispatched to a department or town
  ticket_center,    // the linkage center: record, accept, answer, dispatch, complete, call back, reopen
  ticket_handle,    // the assignee: claim, return, note progress, ask for more time, reply
  ticket_escalate,  // escalate (督办) a late or disputed ticket: the center and supervisors
  open311_keys,     // issue, list and revoke the API keys of Open311 clients
};
const char* permission_name(Permission p);

// What an action touches: a point in the region tree, and a department when the object belongs to one.
// An empty region_path means the whole deployment (only county-level scopes cover it).
struct Target {
  std::string region_path;
  std::optional<long long> department_id;
  static Target everything() { return {}; }
};

// The single decision. ok, or auth.required (401) without a principal, or auth.forbidden (403).
Status authorize(const Principal* p, Permission perm, const Target& target);
// Whether one grant's scope contains the target.
bool scope_covers(const RoleGrant& g, const Target& target);

}  // namespace fishbowl::auth
