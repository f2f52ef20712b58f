#include "app/demo.h"

#include "app/demo_catalogue.h"
#include "app/demo_disclosure.h"
#include "app/demo_hotline.h"
#include "app/demo_knowledge.h"
#include "app/demo_requests.h"
#include "app/demo_village.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <array>
#include <fstream>

#include "auth/auth.h"
#include "hotline/hotline.h"
#include "ledger/command.h"
#include "org/org.h"

namespace fishbowl {

namespace {

struct TownSpec {
  const char* name;
  const char* kind;
  int villages;
};

// Ten towns, 100 villages and communities in all. Every name is invented.
const std::array<TownSpec, 10> kTowns{{{"城关镇", "town", 12},
                                       {"青禾街道", "subdistrict", 8},
                                       {"东河镇", "town", 11},
                                       {"西岭乡", "township", 9},
                                       {"南湖镇", "town", 10},
                                       {"北山乡", "township", 9},
                                       {"石桥镇", "town", 11},
                                       {"柳林镇", "town", 10},
                                       {"白沙乡", "township", 9},
                                       {"清溪镇", "town", 11}}};

const std::array<const char*, 36> kDepartments{"县发展和改革局",
                                               "县教育局",
                                               "县科学技术局",
                                               "县工业和信息化局",
                                               "县公安局",
                                               "县民政局",
                                               "县司法局",
                                               "县财政局",
                                               "县人力资源和社会保障局",
                                               "县自然资源局",
                                               "县生态环境分局",
                                               "县住房和城乡建设局",
                                               "县交通运输局",
                                               "县水利局",
                                               "县农业农村局",
                                               "县商务局",
                                               "县文化广电和旅游局",
                                               "县卫生健康委员会",
                                               "县退役军人事务局",
                                               "县应急管理局",
                                               "县审计局",
                                               "县市场监督管理局",
                                               "县统计局",
                                               "县医疗保障局",
                                               "县林业局",
                                               "县乡村振兴局",
                                               "县信访局",
                                               "县行政审批服务局",
                                               "县政务服务和数据管理局",
                                               "县城市管理局",
                                               "县人民防空办公室",
                                               "县档案馆",
                                               "县税务局",
                                               "县住房公积金管理中心",
                                               "县残疾人联合会",
                                               "县供销合作社"};

// Village names are two syllables from these lists, chosen by index so each town's are distinct.
const std::array<const char*, 24> kFirst{"杨", "李", "王", "张", "高", "马", "黄", "石",
                                         "柳", "桃", "杏", "梨", "枣", "槐", "松", "柏",
                                         "竹", "梅", "兰", "荷", "芦", "稻", "麦", "桑"};
const std::array<const char*, 12> kSecond{"庄", "湾", "店", "岗", "营", "坪",
                                          "塘", "坡", "园", "峪", "洼", "铺"};
const std::array<const char*, 12> kCommunity{"和平", "幸福", "建设", "新华", "文化", "育才",
                                             "滨河", "朝阳", "光明", "友谊", "平安", "康宁"};

const std::array<const char*, 20> kSurnames{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                            "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"};
const std::array<const char*, 20> kGiven{"建国", "秀英", "志强", "丽华", "晓明", "海燕", "国庆",
                                         "春梅", "文博", "雅琴", "子轩", "欣怡", "浩然", "梦瑶",
                                         "俊杰", "思远", "佳怡", "宇航", "静怡", "天佑"};

std::string person(int n) {
  return std::string(kSurnames[n % kSurnames.size()]) + kGiven[(n * 7 + n / 20) % kGiven.size()];
}

std::vector<org::OpeningPeriod> weekdays(std::initializer_list<std::pair<const char*, const char*>> periods,
                                         bool saturday_morning = false) {
  std::vector<org::OpeningPeriod> out;
  for (int day = 1; day <= 5; ++day)
    for (auto [opens, closes] : periods) out.push_back({day, opens, closes});
  if (saturday_morning) out.push_back({6, "09:00", "12:00"});
  return out;
}

// Passwords are fixed so the demo is the same every time; they are printed, and meant only for the demo.
struct RolePassword {
  const char* role;
  const char* password;
};
const std::array<RolePassword, 5> kPasswords{{{"admin", "qinghe-admin-2026"},
                                              {"supervisor", "qinghe-supervisor-2026"},
                                              {"staff", "qinghe-staff-2026"},
                                              {"agent", "qinghe-agent-2026"},
                                              {"citizen", "qinghe-citizen-2026"}}};

template <class T>
T must(Result<T> r, std::vector<Error>& errors) {
  if (!r) {
    errors.push_back(r.error());
    return T{};
  }
  return std::move(r.value());
}

}  // namespace

Result<DemoResult> create_demo_county(Database& db) {
  // One argon2id hash per role password: hashing each of ~300 accounts separately would take tens of seconds.
  std::map<std::string, std::string> hashes;
  for (const auto& p : kPasswords) hashes[p.role] = auth::hash_password(p.password);

  auto county = run_command(db, Actor::system(), [&](Command& cmd) -> Result<DemoResult> {
    long long existing = 0;
    cmd.sql() << "SELECT COUNT(*) FROM regions", soci::into(existing);
    if (existing > 0)
      return Error::conflict("demo.not_empty", "数据库中已有行政区划，演示县只能建在空数据库中");

    DemoResult out;
    std::vector<Error> errors;
    int people = 0;
    auto account = [&](const std::string& role, const std::string& login, std::optional<long long> region,
                       std::optional<long long> department, const std::string& scope) {
      std::optional<auth::GrantInput> grant = auth::GrantInput{role, region, department};
      auth::AccountInput in{login, person(people++), "", grant, hashes[role]};
      must(auth::create_account(cmd, in), errors);
      std::string password;
      for (const auto& p : kPasswords)
        if (role == p.role) password = p.password;
      out.accounts.push_back({role, login, password, scope});
    };

    auto county = must(org::create_region(cmd, {std::nullopt, "county", "999901", "青禾县"}), errors);
    std::vector<org::Department> departments;
    for (std::size_t i = 0; i < kDepartments.size(); ++i) {
      org::DepartmentInput d{county.id, fmt::format("QH{:03}", i + 1), kDepartments[i],
                             fmt::format("0999-66{:02}{:02}", 10 + i, 0)};
      departments.push_back(must(org::create_department(cmd, d), errors));
    }
    // The 12345 hotline is run by the county's government service and data bureau.
    for (const auto& d : departments)
      if (d.name == "县政务服务和数据管理局") must(hotline::set_center_department(cmd, d.id), errors);
    auto hall = must(org::create_service_point(
                         cmd, {county.id, "hall", "青禾县政务服务中心", "青禾县人民大道88号", "0999-12345",
                               weekdays({{"08:30", "12:00"}, {"14:00", "17:30"}}, true)}),
                     errors);
    for (std::size_t i = 0; i < 24; ++i) {
      const auto& d = departments[i % departments.size()];
      must(org::create_window(
               cmd, {hall.id, static_cast<int>(i + 1), fmt::format("{}窗口", d.name.substr(3)), d.id}),
           errors);
    }
    out.service_points++;

    account("admin", "admin", county.id, std::nullopt, county.name);
    for (int i = 1; i <= 18; ++i)
      account("supervisor", fmt::format("supervisor{:02}", i), county.id, std::nullopt, county.name);
    for (std::size_t i = 0; i < departments.size(); ++i)
      for (int k = 1; k <= 2; ++k)
        account("staff", fmt::format("staff.{}.{}", departments[i].code.substr(2), k), std::nullopt,
                departments[i].id, departments[i].name);

    int village_seq = 0;
    std::vector<org::Region> towns;
    for (std::size_t t = 0; t < kTowns.size(); ++t) {
      const auto& spec = kTowns[t];
      auto town =
          must(org::create_region(cmd, {county.id, spec.kind, fmt::format("999901{:03}", t + 1), spec.name}),
               errors);
      towns.push_back(town);
      out.towns++;
      std::string town_short = std::string(spec.name).substr(0, std::string(spec.name).size() - 3);
      auto center = must(org::create_service_point(
                             cmd, {town.id, "center", fmt::format("{}便民服务中心", spec.name),
                                   fmt::format("{}{}路{}号", town_short, t % 2 ? "中山" : "人民", 10 + t * 3),
                                   fmt::format("0999-68{:02}000", t + 1),
                                   weekdays({{"08:30", "12:00"}, {"14:30", "17:30"}})}),
                         errors);
      for (int w = 1; w <= 4; ++w)
        must(org::create_window(cmd, {center.id, w, fmt::format("综合受理{}号窗口", w), std::nullopt}),
             errors);
      out.service_points++;
      account("admin", fmt::format("admin.t{:02}", t + 1), town.id, std::nullopt, town.name);
      account("staff", fmt::format("staff.t{:02}", t + 1), town.id, std::nullopt, town.name);

      bool urban = std::string(spec.kind) == "subdistrict" || t == 0;
      for (int v = 0; v < spec.villages; ++v, ++village_seq) {
        std::string name;
        std::string kind = "village";
        if (urban && v < 4) {
          name = std::string(kCommunity[(t * 5 + v) % kCommunity.size()]) + "社区";
          kind = "community";
        } else {
          name = std::string(kFirst[(t * 7 + v * 5) % kFirst.size()]) +
                 kSecond[(t + v * 7) % kSecond.size()] + "村";
        }
        auto village = must(
            org::create_region(cmd, {town.id, kind, fmt::format("999901{:03}{:03}", t + 1, v + 1), name}),
            errors);
        out.villages++;
        must(org::create_service_point(
                 cmd, {village.id, "room", name + "便民服务室", town_short + name + "村委会一楼",
                       fmt::format("1390999{:04}", village_seq),
                       weekdays({{"08:30", "11:30"}, {"14:30", "17:00"}})}),
             errors);
        out.service_points++;
        account("agent", fmt::format("agent.t{:02}.v{:02}", t + 1, v + 1), village.id, std::nullopt, name);
        if (v % 4 == 0)  // larger villages have a second volunteer
          account("agent", fmt::format("agent.t{:02}.v{:02}b", t + 1, v + 1), village.id, std::nullopt, name);
      }
    }
    account("citizen", "citizen", std::nullopt, std::nullopt, "");
    if (!errors.empty()) return errors.front();
    out.departments = static_cast<int>(departments.size());
    auto catalogue = create_demo_catalogue(cmd, county, departments, towns);
    if (!catalogue) return catalogue.error();
    out.items = *catalogue;

    std::string s = fmt::format(
        "演示县已创建：{}，{} 个乡镇（街道），{} 个村（社区），{} 个县级部门，{} 个服务场所，{} 个账号。\n",
        county.name, out.towns, out.villages, out.departments, out.service_points, out.accounts.size());
    s += fmt::format("政务服务事项：县级 {} 项，乡镇级 {} 项（每个便民服务中心 {} 项），村级代办 {} 项。\n",
                     out.items.county, out.items.town, out.items.town / std::max(1, out.towns),
                     out.items.village);
    s += "演示账号（密码仅供演示）：\n";
    for (const char* login :
         {"admin", "supervisor01", "staff.006.1", "admin.t01", "agent.t01.v01", "citizen"})
      for (const auto& a : out.accounts)
        if (a.login == login)
          s += fmt::format("  {:<11} {:<15} 密码 {:<24} {}\n", a.role, a.login, a.password, a.scope);
    out.summary = s;
    return out;
  });
  if (!county) return county;
  // The cases come after, each dated when it happened; a failure here leaves a county without its history.
  auto cases = create_demo_cases(db, china_today());
  if (!cases) return cases.error();
  county->cases = *cases;
  auto cut = county->summary.find("演示账号");
  std::string line = fmt::format("办件 {} 件（近 40 天，前三个乡镇的村代办）", cases->cases);
  if (!cases->sample_case_no.empty())
    line += fmt::format("；可在“进度查询”试查编号 {}、手机号后四位 {}", cases->sample_case_no,
                        cases->sample_last4);
  county->summary.insert(cut, line + "。\n");
  auto publications = create_demo_publications(db, china_today());
  if (!publications) return publications.error();
  county->publications = *publications;
  cut = county->summary.find("演示账号");
  county->summary.insert(
      cut, fmt::format("主动公开信息 {} 条（县直部门与前三个乡镇，近一年）。\n", *publications));
  auto requests = create_demo_requests(db, china_today());
  if (!requests) return requests.error();
  cut = county->summary.find("演示账号");
  county->summary.insert(
      cut, fmt::format("政府信息公开申请 {} 件；可在“依申请公开”试查编号 {}、查询码 {}。\n",
                       requests->requests, requests->sample_tracking_no, requests->sample_access_code));
  auto village = create_demo_village_affairs(db, china_today());
  if (!village) return village.error();
  cut = county->summary.find("演示账号");
  county->summary.insert(cut, fmt::format("村务、财务公开 {} 项（前三个乡镇的村）。\n", *village));
  auto knowledge = create_demo_knowledge(db, china_today());
  if (!knowledge) return knowledge.error();
  auto tickets = create_demo_tickets(db, china_today());
  if (!tickets) return tickets.error();
  cut = county->summary.find("演示账号");
  county->summary.insert(cut, fmt::format("12345 热线诉求 {} 件（近两个月，前三个乡镇），知识库 {} 条。\n",
                                          *tickets, *knowledge));
  return county;
}

void write_demo_accounts(const DemoResult& r, const std::string& path) {
  {
    std::ofstream f(path, std::ios::trunc);
    f << "# 演示账号：角色 登录名 密码 范围（仅供演示）\n";
    for (const auto& a : r.accounts)
      f << a.role << '\t' << a.login << '\t' << a.password << '\t' << a.scope << '\n';
  }
  ::chmod(path.c_str(), 0600);
}

}  // namespace fishbowl
