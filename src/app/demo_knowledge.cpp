#include "app/demo_knowledge.h"

#include <map>

#include "hotline/knowledge.h"
#include "storage/row.h"

namespace fishbowl {

namespace {

struct Sample {
  const char* department;
  const char* question;
  const char* answer;
};

const Sample kSamples[] = {
    {"县人力资源和社会保障局", "社保卡丢失如何补办",
     "本人携带居民身份证到县政务服务中心人社窗口或各乡镇便民服务中心办理挂失和补卡，即时制卡的当场领取。"},
    {"县人力资源和社会保障局", "城乡居民养老保险缴费档次和补贴标准",
     "今年设 12 个缴费档次，每年 200 元至 5000 元；政府按档次给予 40 元至 130 "
     "元的缴费补贴。可在村便民服务室由代办员代缴。"},
    {"县医疗保障局", "异地就医备案怎么办理",
     "可通过国家医保服务平台 App "
     "或到县医保局窗口办理，长期异地居住的提供居住证明或个人承诺书，备案后在就医地直接结算。"},
    {"县医疗保障局", "城乡居民医保参保缴费时间",
     "每年 9 月至 12 月集中缴纳下一年度的城乡居民医保费，可在村便民服务室、银行网点或线上缴纳。"},
    {"县民政局", "高龄津贴申请条件",
     "本县户籍、年满 80 "
     "周岁的老年人可申请高龄津贴，由本人或家属到村便民服务室提交身份证和户口簿，按月发放。"},
    {"县民政局", "临时救助如何申请",
     "因突发事件、意外伤害或重大疾病导致基本生活暂时困难的家庭，可向乡镇便民服务中心提出申请，急难情形先行救"
     "助。"},
    {"县公安局", "居民身份证到期换领需要什么材料",
     "本人到户籍所在地或县政务服务中心公安窗口，携带原身份证现场采集照片和指纹，一般 20 个工作日内领取。"},
    {"县住房公积金管理中心", "住房公积金提取条件",
     "购买、建造、翻建、大修自住住房，偿还住房贷款本息，租房自住，离退休等情形可申请提取，线上线下均可办理"
     "。"},
    {"县城市管理局", "路灯不亮向哪里反映",
     "城区路灯由县城市管理局负责维护，村内路灯由所在乡镇负责；可拨打 12345 或在网上提交，一般 3 "
     "个工作日内修复。"},
    {"县交通运输局", "农村公交线路和班次查询",
     "县内农村公交线路和班次在县交通运输局网站公开，也可到各乡镇客运站查询；新增站点的建议可通过 12345 "
     "提出。"},
    {"县市场监督管理局", "买到过期食品怎么维权",
     "保留购物凭证和商品，先与商家协商；协商不成可拨打 12315 或 12345 投诉，经查实可要求退货并按规定赔偿。"},
    {"县政务服务和数据管理局", "政务服务大厅办公时间",
     "县政务服务大厅周一至周五上午 9:00—12:00、下午 13:30—17:00 办公，法定节假日休息，周末提供预约服务。"},
};

}  // namespace

Result<int> create_demo_knowledge(Database& db, Date today) {
  std::map<std::string, long long> departments;
  auto read = db.read([&](soci::session& sql) -> Status {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT name, id FROM departments");
    for (const auto& r : rows) departments.emplace(text_at(r, 0), int64_at(r, 1));
    return ok_status();
  });
  if (!read) return read.error();
  std::string year = format_date(today).substr(0, 4);
  int made = 0;
  for (const auto& s : kSamples) {
    auto dept = departments.find(s.department);
    if (dept == departments.end()) continue;
    hotline::KnowledgeInput in{dept->second, s.question, s.answer, year + "-01-01", ""};
    auto e =
        run_command(db, Actor::system(), [&](Command& cmd) { return hotline::create_knowledge(cmd, in); });
    if (!e) return e.error();
    ++made;
  }
  // Last year's contribution rates: expired, still readable, never suggested.
  if (auto dept = departments.find("县医疗保障局"); dept != departments.end()) {
    int last = std::stoi(year) - 1;
    hotline::KnowledgeInput in{
        dept->second, "城乡居民医保个人缴费标准",
        "上一年度城乡居民医保个人缴费标准为每人每年 380 元（已调整，以本年度公告为准）。",
        std::to_string(last) + "-01-01", std::to_string(last) + "-12-31"};
    auto e =
        run_command(db, Actor::system(), [&](Command& cmd) { return hotline::create_knowledge(cmd, in); });
    if (!e) return e.error();
    ++made;
  }
  return made;
}

}  // namespace fishbowl
