#include "app/demo_disclosure.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "disclosure/disclosure.h"
#include "storage/row.h"

namespace fishbowl {

namespace {

struct Sample {
  const char* organ;  // a county department, or "town" for the government of each of the first towns
  const char* column;
  const char* title;
  const char* document_no;
  const char* body;
  int formed_days_ago;
  int publish_after;  // working days from forming to publication; beyond 20 is late
};

// Written as such notices are: the facts first, then who to ask.
const Sample kSamples[] = {
    {"县民政局", "normative", "关于印发《青禾县城乡居民最低生活保障实施办法》的通知", "青民发〔{}〕3号",
     "<p>各乡镇人民政府、县直有关单位：</"
     "p><p>现将《青禾县城乡居民最低生活保障实施办法》印发给你们，请认真贯彻执行。"
     "低保对象的认定以家庭为单位，家庭成员人均收入低于当地低保标准、且财产状况符合规定的，可申请最低生活保障"
     "。</p>"
     "<p>本办法自印发之日起施行，有效期五年。</p>",
     320, 6},
    {"县民政局", "social_assistance", "关于调整城乡最低生活保障标准的通知", "青民发〔{}〕9号",
     "<p>经县人民政府同意，自本年 7 月 1 日起，城市低保标准由每人每月 720 元提高到 760 "
     "元，农村低保标准由每人每年 "
     "6800 元提高到 7200 元。</p><p>各乡镇应于 7 月底前完成低保金调整发放，并在村务公开栏公示。</p>",
     150, 4},
    {"县民政局", "social_assistance", "第三季度城乡低保、特困供养资金发放情况公示", "",
     "<p>第三季度全县发放城乡低保资金 1286.4 万元，保障 6120 户 10342 人；发放特困人员供养金 312.8 "
     "万元，保障 1045 "
     "人；发放临时救助资金 46.2 万元，救助 391 "
     "人次。</p><table><tr><th>项目</th><th>户（人）数</th><th>金额（万元）</th>"
     "</tr><tr><td>城市低保</td><td>1210 户</td><td>298.6</td></tr><tr><td>农村低保</td><td>4910 "
     "户</td><td>987.8</td>"
     "</tr></table>",
     40, 3},
    {"县人力资源和社会保障局", "civil_service", "2026 年青禾县事业单位公开招聘工作人员公告", "",
     "<p>根据工作需要，县属事业单位面向社会公开招聘工作人员 46 名。报名时间为公告发布之日起 7 "
     "日内，报名采取网上报名方式。"
     "</p><p>报考人员须具有大学专科及以上学历，年龄在 18 周岁以上、35 周岁以下。</p>",
     200, 2},
    {"县人力资源和社会保障局", "livelihood", "关于城乡居民基本养老保险缴费档次的通知", "青人社发〔{}〕5号",
     "<p>本年度城乡居民基本养老保险个人缴费标准设 13 个档次，最低档每人每年 200 元，最高档 5000 元。"
     "低保对象、特困人员由政府代缴最低档次养老保险费。</p><p>咨询电话：0999-5123456。</p>",
     260, 9},
    {"县医疗保障局", "livelihood", "关于做好城乡居民医保参保缴费工作的通知", "青医保发〔{}〕2号",
     "<p>城乡居民医保个人缴费标准为每人每年 400 元，集中缴费期至 12 月 31 "
     "日。参保群众可通过手机、银行网点或村代办员缴费。"
     "</p><p>医保报销比例：乡镇卫生院住院报销 85%，县级医院 75%。</p>",
     100, 5},
    {"县财政局", "budgets", "青禾县 2026 年县级部门预算公开说明", "",
     "<p>2026 年县级一般公共预算支出安排 38.6 亿元，其中教育 8.9 亿元、社会保障和就业 6.2 亿元、卫生健康 4.1 "
     "亿元、"
     "农林水 5.3 亿元。</p><p>各部门预算及“三公”经费预算随本说明一并公开。</p>",
     280, 12},
    {"县财政局", "budgets", "青禾县 2025 年县级决算公开", "",
     "<p>2025 年县级一般公共预算收入完成 12.4 亿元，为预算的 101.3%；支出完成 36.8 "
     "亿元。政府性基金、国有资本经营"
     "预算决算情况详见附表。</p>",
     90, 14},
    {"县发展和改革局", "plans", "青禾县国民经济和社会发展第十五个五年规划纲要", "青政发〔{}〕1号",
     "<p>“十五五”时期，全县将聚焦乡村振兴、县城建设和公共服务均等化，到 2030 "
     "年城乡居民人均可支配收入年均增长 6% "
     "以上。</p><p>本纲要经县人民代表大会审议批准。</p>",
     240, 18},
    {"县发展和改革局", "fees", "青禾县行政事业性收费项目目录清单", "",
     "<p>全县现行行政事业性收费项目 21 项，其中涉企收费 9 "
     "项。目录清单之外一律不得收费。</p><p>监督电话：0999-12358。</p>",
     180, 7},
    {"县统计局", "statistics", "2025 年青禾县国民经济和社会发展统计公报", "",
     "<p>2025 年全县地区生产总值 186.2 亿元，比上年增长 5.6%。城镇居民人均可支配收入 38420 "
     "元，农村居民人均可支配收入 "
     "19860 元。</p>",
     230, 11},
    {"县市场监督管理局", "enforcement", "行政处罚决定信息公开（食品经营）", "青市监罚〔{}〕27号",
     "<p>"
     "当事人某超市经营超过保质期的食品，违反《中华人民共和国食品安全法》第三十四条，决定没收违法所得并处罚款 "
     "5000 元。</p>",
     70, 4},
    {"县市场监督管理局", "inspections", "第三季度食品安全监督抽检结果公告", "",
     "<p>本季度共抽检食品 420 批次，合格 413 批次，合格率 98.3%。不合格产品已依法处置。</p>", 35, 26},
    {"县自然资源局", "expropriation", "关于城关镇东片区集体土地征收的预公告", "青自然资告〔{}〕4号",
     "<p>因县城东片区基础设施建设需要，拟征收城关镇东关村集体土地 12.6 "
     "公顷。自本公告发布之日起，在拟征收范围内暂停"
     "办理户口迁入、分户和新建、改建、扩建房屋手续。</p>",
     55, 3},
    {"县住房和城乡建设局", "public_works", "县城老旧小区改造项目实施情况公示", "",
     "<p>本年度改造老旧小区 14 个，惠及居民 2860 "
     "户，改造内容包括供排水管网、外墙保温、加装电梯和停车设施。</p>",
     120, 8},
    {"县应急管理局", "emergencies", "青禾县防汛抗旱应急预案", "青政办发〔{}〕15号",
     "<p>为做好防汛抗旱工作，最大程度减少灾害损失，制定本预案。预案分为Ⅰ级至Ⅳ级四个应急响应等级。</p>", 210,
     10},
    {"县教育局", "livelihood", "关于义务教育阶段学生资助政策的通知", "青教发〔{}〕8号",
     "<p>家庭经济困难寄宿生每生每年补助生活费小学 1000 元、初中 1250 "
     "元。低保家庭、特困供养学生优先认定。</p>",
     160, 6},
    {"县农业农村局", "licensing", "农作物种子生产经营许可办理结果公开", "",
     "<p>本月办结农作物种子生产经营许可 3 件，均予以许可。</p>", 20, 2},
    {"town", "rural_policy", "关于开展高标准农田建设项目的公告", "",
     "<p>本年度在我镇实施高标准农田建设 3000 亩，涉及 6 "
     "个村。项目建设内容包括土地平整、灌溉排水和田间道路。</p>",
     80, 5},
    {"town", "contributions", "村内公益事业筹资筹劳方案公示", "",
     "<p>经村民代表会议讨论，拟对村内道路硬化实行一事一议筹资筹劳，每人筹资不超过 20 元，筹劳不超过 5 "
     "个工日。</p>",
     30, 3},
};

std::string at(Date day, int hour, int minute) {
  return fmt::format("{}T{:02}:{:02}:00.000Z", format_date(day), hour, minute);
}

}  // namespace

Result<int> create_demo_publications(Database& db, Date today) {
  const auto& cal = WorkCalendar::builtin();
  std::map<std::string, long long> department;
  std::map<long long, long long> writer, town_writer;  // department or town -> a staff account of it
  std::vector<long long> towns;
  long long reviewer = 0;
  auto read = db.read([&](soci::session& sql) -> Status {
    soci::rowset<soci::row> d = (sql.prepare << "SELECT id, name FROM departments ORDER BY id");
    for (const auto& r : d) department.emplace(text_at(r, 1), int64_at(r, 0));
    soci::rowset<soci::row> s =
        (sql.prepare << "SELECT department_id, account_id FROM account_roles WHERE "
                        "role = 'staff' AND department_id IS NOT NULL ORDER BY id DESC");
    for (const auto& r : s) writer[int64_at(r, 0)] = int64_at(r, 1);
    soci::rowset<soci::row> ts = (sql.prepare << "SELECT region_id, account_id FROM account_roles WHERE "
                                                 "role = 'staff' AND region_id IS NOT NULL ORDER BY id DESC");
    for (const auto& r : ts) town_writer[int64_at(r, 0)] = int64_at(r, 1);
    soci::rowset<long long> t =
        (sql.prepare << "SELECT id FROM regions WHERE level = 'town' ORDER BY id LIMIT 3");
    for (long long id : t) towns.push_back(id);
    sql << "SELECT a.id FROM accounts a JOIN account_roles ar ON ar.account_id = a.id WHERE a.login = "
           "'admin'",
        soci::into(reviewer);
    return ok_status();
  });
  if (!read) return read.error();
  if (!reviewer || towns.empty())
    return Error::internal("demo.no_county", "演示县尚未建好，无法生成公开信息");

  int made = 0, minute = 0;
  long long last = 0;  // the publication just made
  std::map<std::string, long long> made_by_title;
  std::string now = format_utc(std::chrono::system_clock::now());
  auto publish = [&](const Sample& s, std::optional<long long> dept,
                     std::optional<long long> region) -> Status {
    Date formed{std::chrono::sys_days(today) - std::chrono::days(s.formed_days_ago)};
    Date out = cal.add_working_days(formed, s.publish_after);
    if (format_date(out) > format_date(today)) out = today;
    ++minute;
    disclosure::PublicationInput in;
    in.department_id = dept;
    in.region_id = region;
    in.column = s.column;
    in.formed_on = format_date(formed);
    in.title = s.title;
    in.body_html = s.body;
    in.document_no = fmt::format(fmt::runtime(s.document_no), format_date(formed).substr(0, 4));
    Actor author{dept ? writer[*dept] : town_writer[*region], "staff"};
    Actor admin{reviewer, "admin"};
    long long id = 0;
    auto created = run_command_at(db, author, at(formed, 1, minute % 60), [&](Command& cmd) {
      auto p = disclosure::create_publication(cmd, cal, in);
      if (p) id = p->id;
      return p;
    });
    if (!created) return created.error();
    auto submitted = run_command_at(db, author, at(formed, 2, minute % 60),
                                    [&](Command& cmd) { return disclosure::submit_publication(cmd, id); });
    if (!submitted) return submitted.error();
    std::string when = at(out, 3, minute % 60);
    if (when > now) when = now;
    auto approved = run_command_at(db, admin, when, [&](Command& cmd) {
      return disclosure::approve_publication(cmd, id, "经保密审查，可以公开");
    });
    if (!approved) return approved.error();
    ++made;
    last = id;
    return ok_status();
  };

  for (const auto& s : kSamples) {
    if (std::string(s.organ) == "town") {
      for (long long town : towns)
        if (auto ok = publish(s, std::nullopt, town); !ok) return ok.error();
      continue;
    }
    auto it = department.find(s.organ);
    if (it == department.end())
      return Error::internal("demo.no_department", std::string("演示县没有") + s.organ);
    if (auto ok = publish(s, it->second, std::nullopt); !ok) return ok.error();
    made_by_title[s.title] = last;
  }
  // Later history: the first implementing rules were repealed when the standard changed, and one penalty
  // notice was taken down because it named the shop's owner.
  Actor admin{reviewer, "admin"};
  std::string when = at(today, 1, 0) < now ? at(today, 1, 0) : now;
  auto repealed = run_command_at(db, admin, when, [&](Command& cmd) {
    return disclosure::change_validity(
        cmd, made_by_title["关于印发《青禾县城乡居民最低生活保障实施办法》的通知"], "repealed");
  });
  if (!repealed) return repealed.error();
  auto withdrawn = run_command_at(db, admin, when, [&](Command& cmd) {
    return disclosure::withdraw_publication(cmd, made_by_title["行政处罚决定信息公开（食品经营）"],
                                            "公开内容含当事人个人信息，删除后另行发布");
  });
  if (!withdrawn) return withdrawn.error();
  return made;
}

}  // namespace fishbowl
