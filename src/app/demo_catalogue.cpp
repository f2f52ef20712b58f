#include "app/demo_catalogue.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/sheet.h"
#include "services/attachments.h"

namespace fishbowl {

namespace {

struct ItemSpec {
  const char* department;
  const char* name;
  const char* kind;
};

// The base items of each level. A catalogue lists an item once per situation (新办, 变更, 延续, …); the
// situations of each kind are in situations() below.
const std::vector<ItemSpec>& county_items() {
  static const std::vector<ItemSpec> items{
      {"县发展和改革局", "固定资产投资项目核准", "行政许可"},
      {"县发展和改革局", "企业投资项目备案", "其他行政权力"},
      {"县发展和改革局", "节能审查", "行政许可"},
      {"县发展和改革局", "价格认定", "行政确认"},
      {"县教育局", "校外培训机构设立审批", "行政许可"},
      {"县教育局", "中等职业学校学生资助", "行政给付"},
      {"县教育局", "民办学校设立审批", "行政许可"},
      {"县教育局", "教师资格认定", "行政许可"},
      {"县教育局", "校车使用许可", "行政许可"},
      {"县教育局", "学生资助申请", "行政给付"},
      {"县教育局", "适龄儿童入学登记", "公共服务"},
      {"县科学技术局", "科技型中小企业评价", "行政确认"},
      {"县科学技术局", "科技特派员认定", "行政确认"},
      {"县科学技术局", "科学技术奖励", "行政奖励"},
      {"县工业和信息化局", "无线电台站设置审批", "行政许可"},
      {"县工业和信息化局", "工业企业技术改造项目备案", "其他行政权力"},
      {"县工业和信息化局", "民用爆炸物品销售许可", "行政许可"},
      {"县公安局", "临时身份证明开具", "公共服务"},
      {"县公安局", "养犬登记", "行政许可"},
      {"县公安局", "印章刻制业特种行业许可", "行政许可"},
      {"县公安局", "旅馆业特种行业许可", "行政许可"},
      {"县公安局", "居民身份证申领", "行政许可"},
      {"县公安局", "户口迁移", "行政确认"},
      {"县公安局", "出生登记", "行政确认"},
      {"县公安局", "机动车登记", "行政许可"},
      {"县公安局", "驾驶证申领", "行政许可"},
      {"县公安局", "烟花爆竹燃放许可", "行政许可"},
      {"县公安局", "大型群众性活动安全许可", "行政许可"},
      {"县公安局", "出入境证件申领", "行政许可"},
      {"县民政局", "地名命名更名审批", "行政许可"},
      {"县民政局", "孤儿基本生活费发放", "行政给付"},
      {"县民政局", "殡葬补贴", "行政给付"},
      {"县民政局", "最低生活保障审批", "行政给付"},
      {"县民政局", "特困人员认定", "行政给付"},
      {"县民政局", "临时救助", "行政给付"},
      {"县民政局", "结婚登记", "行政确认"},
      {"县民政局", "离婚登记", "行政确认"},
      {"县民政局", "社会团体登记", "行政许可"},
      {"县民政局", "民办非企业单位登记", "行政许可"},
      {"县民政局", "养老机构备案", "其他行政权力"},
      {"县民政局", "高龄津贴发放", "行政给付"},
      {"县司法局", "法律援助申请", "公共服务"},
      {"县司法局", "基层法律服务工作者执业核准", "行政许可"},
      {"县司法局", "人民调解员补贴", "行政给付"},
      {"县财政局", "会计代理记账许可", "行政许可"},
      {"县财政局", "政府采购投诉处理", "行政裁决"},
      {"县人力资源和社会保障局", "人力资源服务许可", "行政许可"},
      {"县人力资源和社会保障局", "企业职工养老保险关系转移", "公共服务"},
      {"县人力资源和社会保障局", "创业担保贷款贴息", "行政给付"},
      {"县人力资源和社会保障局", "失业保险金申领", "行政给付"},
      {"县人力资源和社会保障局", "就业创业证申领", "公共服务"},
      {"县人力资源和社会保障局", "职业技能鉴定", "行政确认"},
      {"县人力资源和社会保障局", "劳务派遣经营许可", "行政许可"},
      {"县人力资源和社会保障局", "工伤认定", "行政确认"},
      {"县人力资源和社会保障局", "城乡居民养老保险参保登记", "公共服务"},
      {"县人力资源和社会保障局", "社会保障卡申领", "公共服务"},
      {"县人力资源和社会保障局", "劳动人事争议仲裁", "行政裁决"},
      {"县自然资源局", "土地复垦方案审查", "行政许可"},
      {"县自然资源局", "测绘资质审批", "行政许可"},
      {"县自然资源局", "建设用地规划许可", "行政许可"},
      {"县自然资源局", "建设工程规划许可", "行政许可"},
      {"县自然资源局", "不动产登记", "行政确认"},
      {"县自然资源局", "乡村建设规划许可", "行政许可"},
      {"县自然资源局", "采矿权登记", "行政许可"},
      {"县自然资源局", "临时用地审批", "行政许可"},
      {"县生态环境分局", "建设项目环境影响评价审批", "行政许可"},
      {"县生态环境分局", "排污许可", "行政许可"},
      {"县生态环境分局", "危险废物经营许可", "行政许可"},
      {"县住房和城乡建设局", "房屋租赁登记备案", "其他行政权力"},
      {"县住房和城乡建设局", "物业服务企业备案", "其他行政权力"},
      {"县住房和城乡建设局", "施工图审查备案", "其他行政权力"},
      {"县住房和城乡建设局", "建筑工程施工许可", "行政许可"},
      {"县住房和城乡建设局", "商品房预售许可", "行政许可"},
      {"县住房和城乡建设局", "建筑业企业资质核准", "行政许可"},
      {"县住房和城乡建设局", "城镇燃气经营许可", "行政许可"},
      {"县住房和城乡建设局", "公共租赁住房申请", "行政给付"},
      {"县住房和城乡建设局", "房屋建筑工程竣工验收备案", "其他行政权力"},
      {"县交通运输局", "机动车驾驶员培训许可", "行政许可"},
      {"县交通运输局", "机动车维修经营备案", "其他行政权力"},
      {"县交通运输局", "水路运输许可", "行政许可"},
      {"县交通运输局", "道路货物运输经营许可", "行政许可"},
      {"县交通运输局", "道路旅客运输经营许可", "行政许可"},
      {"县交通运输局", "出租汽车经营许可", "行政许可"},
      {"县交通运输局", "公路超限运输许可", "行政许可"},
      {"县交通运输局", "涉路施工许可", "行政许可"},
      {"县水利局", "水利工程质量监督", "其他行政权力"},
      {"县水利局", "洪水影响评价审批", "行政许可"},
      {"县水利局", "取水许可", "行政许可"},
      {"县水利局", "河道管理范围内建设项目审批", "行政许可"},
      {"县水利局", "生产建设项目水土保持方案审批", "行政许可"},
      {"县水利局", "农村饮水安全工程维修补助", "行政给付"},
      {"县农业农村局", "生鲜乳收购许可", "行政许可"},
      {"县农业农村局", "水产苗种生产许可", "行政许可"},
      {"县农业农村局", "耕地地力保护补贴", "行政给付"},
      {"县农业农村局", "农作物种子生产经营许可", "行政许可"},
      {"县农业农村局", "兽药经营许可", "行政许可"},
      {"县农业农村局", "动物防疫条件合格证核发", "行政许可"},
      {"县农业农村局", "农药经营许可", "行政许可"},
      {"县农业农村局", "拖拉机和联合收割机登记", "行政许可"},
      {"县农业农村局", "农机购置补贴", "行政给付"},
      {"县农业农村局", "渔业捕捞许可", "行政许可"},
      {"县商务局", "对外贸易经营者备案", "其他行政权力"},
      {"县商务局", "成品油零售经营资格审批", "行政许可"},
      {"县商务局", "单用途商业预付卡备案", "其他行政权力"},
      {"县文化广电和旅游局", "文物保护单位建设控制地带施工审批", "行政许可"},
      {"县文化广电和旅游局", "广播电视设施迁建审批", "行政许可"},
      {"县文化广电和旅游局", "营业性演出审批", "行政许可"},
      {"县文化广电和旅游局", "娱乐场所经营许可", "行政许可"},
      {"县文化广电和旅游局", "网吧经营许可", "行政许可"},
      {"县文化广电和旅游局", "旅行社设立许可", "行政许可"},
      {"县文化广电和旅游局", "出版物零售许可", "行政许可"},
      {"县卫生健康委员会", "放射诊疗许可", "行政许可"},
      {"县卫生健康委员会", "母婴保健技术服务执业许可", "行政许可"},
      {"县卫生健康委员会", "饮用水供水单位卫生许可", "行政许可"},
      {"县卫生健康委员会", "医疗机构执业登记", "行政许可"},
      {"县卫生健康委员会", "医师执业注册", "行政许可"},
      {"县卫生健康委员会", "护士执业注册", "行政许可"},
      {"县卫生健康委员会", "公共场所卫生许可", "行政许可"},
      {"县卫生健康委员会", "生育登记", "公共服务"},
      {"县卫生健康委员会", "计划生育家庭奖励扶助", "行政给付"},
      {"县卫生健康委员会", "出生医学证明办理", "公共服务"},
      {"县退役军人事务局", "退役士兵安置", "行政给付"},
      {"县退役军人事务局", "伤残抚恤", "行政给付"},
      {"县退役军人事务局", "优待证申领", "公共服务"},
      {"县退役军人事务局", "烈士褒扬金发放", "行政给付"},
      {"县应急管理局", "危险化学品安全使用许可", "行政许可"},
      {"县应急管理局", "危险化学品经营许可", "行政许可"},
      {"县应急管理局", "烟花爆竹经营许可", "行政许可"},
      {"县应急管理局", "非煤矿山安全生产许可", "行政许可"},
      {"县应急管理局", "受灾人员救助", "行政给付"},
      {"县审计局", "审计结果公告查询", "公共服务"},
      {"县市场监督管理局", "小餐饮登记", "行政许可"},
      {"县市场监督管理局", "食品小作坊登记", "行政许可"},
      {"县市场监督管理局", "广告发布登记", "行政许可"},
      {"县市场监督管理局", "检验检测机构资质认定", "行政许可"},
      {"县市场监督管理局", "企业设立登记", "行政许可"},
      {"县市场监督管理局", "个体工商户登记", "行政许可"},
      {"县市场监督管理局", "食品经营许可", "行政许可"},
      {"县市场监督管理局", "食品生产许可", "行政许可"},
      {"县市场监督管理局", "药品零售许可", "行政许可"},
      {"县市场监督管理局", "特种设备使用登记", "行政许可"},
      {"县市场监督管理局", "计量器具强制检定", "其他行政权力"},
      {"县市场监督管理局", "农民专业合作社登记", "行政许可"},
      {"县市场监督管理局", "医疗器械经营备案", "其他行政权力"},
      {"县统计局", "统计调查项目审批", "行政许可"},
      {"县统计局", "统计数据查询", "公共服务"},
      {"县医疗保障局", "生育医疗费用报销", "行政给付"},
      {"县医疗保障局", "城乡居民医保参保登记", "公共服务"},
      {"县医疗保障局", "医疗费用报销", "行政给付"},
      {"县医疗保障局", "异地就医备案", "公共服务"},
      {"县医疗保障局", "门诊慢特病待遇认定", "行政确认"},
      {"县医疗保障局", "医疗救助", "行政给付"},
      {"县林业局", "木材运输证核发", "行政许可"},
      {"县林业局", "森林防火期野外用火审批", "行政许可"},
      {"县林业局", "林木采伐许可", "行政许可"},
      {"县林业局", "使用林地审核", "行政许可"},
      {"县林业局", "野生动物人工繁育许可", "行政许可"},
      {"县林业局", "林权登记", "行政确认"},
      {"县林业局", "生态公益林补偿", "行政给付"},
      {"县乡村振兴局", "脱贫人口小额信贷贴息", "行政给付"},
      {"县乡村振兴局", "防返贫监测对象认定", "行政确认"},
      {"县乡村振兴局", "雨露计划补助", "行政给付"},
      {"县信访局", "信访事项受理", "公共服务"},
      {"县信访局", "信访事项复查", "行政裁决"},
      {"县行政审批服务局", "建设工程消防设计审查", "行政许可"},
      {"县行政审批服务局", "人防工程审批", "行政许可"},
      {"县行政审批服务局", "户外广告设置许可", "行政许可"},
      {"县行政审批服务局", "城市建筑垃圾处置核准", "行政许可"},
      {"县行政审批服务局", "占用城市道路许可", "行政许可"},
      {"县政务服务和数据管理局", "政务服务好差评处理", "公共服务"},
      {"县政务服务和数据管理局", "电子证照调用", "公共服务"},
      {"县政务服务和数据管理局", "政府信息公开申请", "公共服务"},
      {"县城市管理局", "城市绿化工程审批", "行政许可"},
      {"县城市管理局", "临时占用城市绿地许可", "行政许可"},
      {"县城市管理局", "市政设施挖掘许可", "行政许可"},
      {"县人民防空办公室", "人防工程拆除审批", "行政许可"},
      {"县人民防空办公室", "人防警报设施拆除审批", "行政许可"},
      {"县档案馆", "档案查阅利用", "公共服务"},
      {"县档案馆", "婚姻档案查询", "公共服务"},
      {"县税务局", "车辆购置税申报", "行政征收"},
      {"县税务局", "契税申报", "行政征收"},
      {"县税务局", "耕地占用税申报", "行政征收"},
      {"县税务局", "税务登记", "行政确认"},
      {"县税务局", "发票领用", "行政许可"},
      {"县税务局", "纳税证明开具", "公共服务"},
      {"县税务局", "减免税备案", "其他行政权力"},
      {"县税务局", "个人所得税汇算清缴", "公共服务"},
      {"县住房公积金管理中心", "住房公积金缴存登记", "公共服务"},
      {"县住房公积金管理中心", "住房公积金提取", "行政给付"},
      {"县住房公积金管理中心", "住房公积金贷款", "公共服务"},
      {"县残疾人联合会", "残疾人证核发", "行政确认"},
      {"县残疾人联合会", "残疾人两项补贴", "行政给付"},
      {"县残疾人联合会", "辅助器具适配补贴", "行政给付"},
      {"县供销合作社", "农资供应服务", "公共服务"},
      {"县供销合作社", "基层社设立备案", "其他行政权力"},
  };
  return items;
}

const std::vector<ItemSpec>& town_items() {
  static const std::vector<ItemSpec> items{
      {"县民政局", "最低生活保障初审", "行政给付"},
      {"县民政局", "特困人员供养初审", "行政给付"},
      {"县民政局", "临时救助审批", "行政给付"},
      {"县民政局", "高龄津贴申请受理", "行政给付"},
      {"县民政局", "困难残疾人生活补贴受理", "行政给付"},
      {"县民政局", "农村留守儿童关爱登记", "公共服务"},
      {"县人力资源和社会保障局", "城乡居民养老保险参保登记", "公共服务"},
      {"县人力资源和社会保障局", "城乡居民养老保险待遇领取", "行政给付"},
      {"县人力资源和社会保障局", "就业登记", "公共服务"},
      {"县人力资源和社会保障局", "失业登记", "公共服务"},
      {"县人力资源和社会保障局", "社会保障卡补换", "公共服务"},
      {"县医疗保障局", "城乡居民医保参保缴费", "公共服务"},
      {"县医疗保障局", "医疗救助申请受理", "行政给付"},
      {"县医疗保障局", "异地就医备案", "公共服务"},
      {"县卫生健康委员会", "生育登记", "公共服务"},
      {"县卫生健康委员会", "计划生育特别扶助申请", "行政给付"},
      {"县卫生健康委员会", "独生子女父母奖励", "行政给付"},
      {"县退役军人事务局", "优抚对象定期抚恤补助受理", "行政给付"},
      {"县退役军人事务局", "退役军人信息采集", "公共服务"},
      {"县残疾人联合会", "残疾人证申请受理", "行政确认"},
      {"县残疾人联合会", "残疾人两项补贴受理", "行政给付"},
      {"县农业农村局", "农村宅基地审批", "行政许可"},
      {"县农业农村局", "农村土地承包经营权流转备案", "其他行政权力"},
      {"县农业农村局", "耕地地力保护补贴申报", "行政给付"},
      {"县农业农村局", "农机购置补贴受理", "行政给付"},
      {"县农业农村局", "动物检疫申报", "其他行政权力"},
      {"县自然资源局", "乡村建设规划许可受理", "行政许可"},
      {"县自然资源局", "农村村民住宅用地审批", "行政许可"},
      {"县林业局", "林木采伐许可受理", "行政许可"},
      {"县林业局", "生态护林员补助", "行政给付"},
      {"县水利局", "农村饮水工程维修申请", "公共服务"},
      {"县公安局", "户籍证明开具", "公共服务"},
      {"县公安局", "居住证申领", "行政许可"},
      {"县市场监督管理局", "个体工商户登记受理", "行政许可"},
      {"县市场监督管理局", "食品小作坊登记受理", "行政许可"},
      {"县司法局", "人民调解申请", "公共服务"},
      {"县司法局", "法律援助申请受理", "公共服务"},
      {"县应急管理局", "自然灾害生活救助", "行政给付"},
      {"县乡村振兴局", "防返贫监测申报", "行政确认"},
      {"县住房和城乡建设局", "农村危房改造申请", "行政给付"},
      {"县教育局", "学前教育资助申请", "行政给付"},
      {"县信访局", "信访事项受理", "公共服务"},
      {"县税务局", "城乡居民社会保险费缴纳", "行政征收"},
      {"县住房公积金管理中心", "灵活就业人员公积金缴存", "公共服务"},
      {"县统计局", "统计调查", "公共服务"},
  };
  return items;
}

const std::vector<ItemSpec>& village_items() {
  static const std::vector<ItemSpec> items{
      {"县公安局", "居民身份证申领代办", "行政许可"},
      {"县医疗保障局", "城乡居民医保缴费代办", "公共服务"},
      {"县人力资源和社会保障局", "养老保险待遇资格认证代办", "公共服务"},
      {"县民政局", "最低生活保障申请代办", "行政给付"},
      {"县残疾人联合会", "残疾人证申请代办", "行政确认"},
      {"县民政局", "高龄津贴申请代办", "行政给付"},
      {"县农业农村局", "宅基地申请代办", "行政许可"},
      {"县农业农村局", "农机购置补贴申请代办", "行政给付"},
      {"县公安局", "户籍证明开具代办", "公共服务"},
      {"县人力资源和社会保障局", "社会保障卡申领代办", "公共服务"},
      {"县司法局", "法律援助申请代办", "公共服务"},
      {"县卫生健康委员会", "生育登记代办", "公共服务"},
      {"县民政局", "临时救助申请代办", "行政给付"},
      {"县医疗保障局", "医疗救助申请代办", "行政给付"},
      {"县住房和城乡建设局", "农村危房改造申请代办", "行政给付"},
      {"县市场监督管理局", "个体工商户登记代办", "行政许可"},
      {"县自然资源局", "不动产登记申请代办", "行政确认"},
      {"县退役军人事务局", "优待证申领代办", "公共服务"},
      {"县人力资源和社会保障局", "就业登记代办", "公共服务"},
      {"县住房公积金管理中心", "住房公积金提取代办", "行政给付"},
  };
  return items;
}

// The situations an item of each kind is listed under, most common first.
const std::vector<std::string>& situations(const std::string& kind) {
  static const std::map<std::string, std::vector<std::string>> by_kind{
      {"行政许可", {"新办", "变更", "延续", "注销", "补证"}},
      {"行政确认", {"申请", "变更", "补证", "注销"}},
      {"行政给付", {"申请", "变更", "停发", "恢复"}},
      {"其他行政权力", {"备案", "变更", "注销"}},
      {"公共服务", {"办理", "查询"}},
      {"行政裁决", {"申请", "复查"}},
      {"行政奖励", {"申报"}},
      {"行政征收", {"申报", "更正"}}};
  return by_kind.at(kind);
}

const char* kind_code(const std::string& kind) {
  static const std::map<std::string, const char*> codes{
      {"行政许可", "XK"}, {"行政确认", "QR"}, {"行政给付", "JF"},     {"行政裁决", "CJ"},
      {"行政奖励", "JL"}, {"行政征收", "ZS"}, {"其他行政权力", "QT"}, {"公共服务", "GG"}};
  return codes.at(kind);
}

struct Listed {
  const ItemSpec* spec;
  std::string situation;
};

// The first `count` (item, situation) pairs taken situation by situation: every base item is listed, and the
// less common situations fill the catalogue up to its size.
std::vector<Listed> take(const std::vector<ItemSpec>& specs, std::size_t count) {
  std::vector<Listed> out;
  for (std::size_t round = 0; out.size() < count; ++round) {
    bool any = false;
    for (const auto& s : specs) {
      const auto& list = situations(s.kind);
      if (round >= list.size()) continue;
      any = true;
      if (out.size() < count) out.push_back({&s, list[round]});
    }
    if (!any) break;
  }
  return out;
}

// The life events an item is found under, from words in its name.
std::vector<std::string> life_events_for(const ItemSpec& spec) {
  static const std::vector<std::pair<const char*, const char*>> by_word{
      {"出生", "出生"},         {"生育", "婚育"},     {"入学", "上学"},         {"学生", "上学"},
      {"教师", "就业创业"},     {"就业", "就业创业"}, {"创业", "就业创业"},     {"失业", "就业创业"},
      {"职业技能", "就业创业"}, {"结婚", "婚育"},     {"离婚", "婚育"},         {"收养", "婚育"},
      {"不动产", "住房"},       {"公积金", "住房"},   {"危房", "住房"},         {"宅基地", "住房"},
      {"医疗", "就医"},         {"医师", "就医"},     {"养老保险", "社会保障"}, {"社会保障", "社会保障"},
      {"参保", "社会保障"},     {"工伤", "社会保障"}, {"机动车", "出行"},       {"驾驶", "出行"},
      {"出入境", "出行"},       {"高龄", "退休养老"}, {"养老", "退休养老"},     {"殡葬", "身后事"},
      {"死亡", "身后事"},       {"低保", "困难救助"}, {"最低生活", "困难救助"}, {"救助", "困难救助"},
      {"特困", "困难救助"},     {"孤儿", "困难救助"}, {"农机", "农业生产"},     {"种子", "农业生产"},
      {"农药", "农业生产"},     {"兽", "农业生产"},   {"渔", "农业生产"},       {"个体工商户", "企业开办"},
      {"营业执照", "企业开办"}, {"设立", "企业开办"}, {"印章", "企业开办"},     {"许可", "经营许可"},
      {"施工", "工程建设"},     {"规划", "工程建设"}, {"建设", "工程建设"},     {"身份证", "出行"},
      {"户口", "出生"}};
  std::vector<std::string> out;
  std::string name = spec.name;
  for (const auto& [word, event] : by_word)
    if (name.find(word) != std::string::npos && std::find(out.begin(), out.end(), event) == out.end())
      out.push_back(event);
  return out;
}

services::Material material(std::string name, bool required, std::string form, int copies, std::string source,
                            std::string note) {
  services::Material m;
  m.name = std::move(name);
  m.required = required;
  m.form = std::move(form);
  m.copies = copies;
  m.source = std::move(source);
  m.note = std::move(note);
  return m;
}

// A plausible guide for an item: time limits, materials and steps follow its kind; the numbers vary with n
// so that the catalogue is not uniform, and are the same on every run.
services::Guide guide_for(const ItemSpec& spec, const std::string& situation, int n, const std::string& place,
                          const std::string& phone, bool by_agent) {
  std::string kind = spec.kind;
  services::Guide g;
  g.name = situation.empty() ? std::string(spec.name) : fmt::format("{}（{}）", spec.name, situation);
  g.kind = kind;
  static const std::map<std::string, std::pair<const char*, int>> basis{
      {"行政许可", {"《中华人民共和国行政许可法》", 42}},
      {"行政确认", {"《中华人民共和国行政许可法》", 44}},
      {"行政给付", {"《社会救助暂行办法》", 11}},
      {"行政裁决", {"《中华人民共和国行政复议法》", 62}},
      {"行政奖励", {"《国家科学技术奖励条例》", 16}},
      {"行政征收", {"《中华人民共和国税收征收管理法》", 25}},
      {"其他行政权力", {"《优化营商环境条例》", 35}},
      {"公共服务", {"《优化营商环境条例》", 37}}};
  const auto& [law, article] = basis.at(kind);
  g.legal_basis = fmt::format("{}第{}条；{}的有关规定。", law, article, spec.department);
  g.conditions = kind == "行政给付" ? "申请人户籍在本县，家庭收入、财产状况符合相关规定标准。"
                 : kind == "行政许可" ? "申请人具备相应的场所、设施、人员和管理制度，符合法定条件和标准。"
                                      : "申请人为本人或经本人书面委托的代理人，材料齐全、符合法定形式。";
  g.materials.push_back(material("居民身份证或营业执照", true, "原件", 1, "申请人自备", "核验后退还"));
  g.materials.push_back(
      material(fmt::format("{}申请表", spec.name), true, "原件", 1, "窗口领取或网上下载", ""));
  if (kind == "行政许可")
    g.materials.push_back(material("场所使用证明", true, "复印件", 1, "申请人自备", "租赁合同或产权证明"));
  if (kind == "行政给付") {
    g.materials.push_back(material("户口簿", true, "原件和复印件", 1, "公安机关核发", ""));
    g.materials.push_back(
        material("家庭收入情况说明", true, "原件", 1, "申请人自备", "村（居）委会签署意见"));
  }
  if (situation == "变更" || situation == "延续" || situation == "补证")
    g.materials.push_back(material("原证照或批准文件", situation != "补证", "原件", 1, "原发证机关核发", ""));
  if (n % 3 == 0)
    g.materials.push_back(material("委托书", false, "原件", 1, "申请人自备", "委托他人办理时提交"));
  if (kind == "行政给付")
    g.steps = {"申请", "受理", "入户调查", "民主评议和公示", "审核审批", "发放"};
  else if (kind == "行政许可")
    g.steps = {"申请", "受理", "审查", "决定", "制证送达"};
  else
    g.steps = {"申请", "受理", "审核", "办结"};
  static const std::map<std::string, int> legal{{"行政许可", 20},     {"行政确认", 15}, {"行政给付", 30},
                                                {"行政裁决", 60},     {"行政奖励", 30}, {"行政征收", 5},
                                                {"其他行政权力", 10}, {"公共服务", 5}};
  g.legal_days = legal.at(kind);
  g.promised_days = std::max(1, g.legal_days * (3 + n % 5) / 10);
  std::string name = spec.name;
  if (name.find("身份证") != std::string::npos)
    g.fees.push_back(
        {"居民身份证工本费", "20", "《财政部 国家发展改革委关于居民身份证收费标准及有关问题的通知》"});
  else if (name.find("不动产登记") != std::string::npos)
    g.fees.push_back(
        {"不动产登记费", "80", "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》"});
  g.place = place;
  g.window = kind == "行政许可" ? "综合受理窗口" : "便民服务窗口";
  g.hours = "工作日 上午 8:30-12:00，下午 14:00-17:30（法定节假日除外）";
  g.phone = phone;
  g.complaint_phone = "0999-12345";
  g.online = kind == "公共服务" || kind == "行政确认" || n % 4 == 0;
  g.visits = g.online ? 0 : 1;
  g.by_agent = by_agent;
  g.life_events = life_events_for(spec);
  if (situation == "变更" && std::string(spec.kind) == "行政许可") g.life_events.push_back("企业变更");
  if (situation == "注销" && std::string(spec.kind) == "行政许可") g.life_events.push_back("企业注销");
  return g;
}

// The application form (申请表) of a benefit item as a blank spreadsheet to fill in, uploaded once per item
// name and linked from every situation's guide; other kinds have none, as in many real catalogues.
Result<std::optional<services::AttachmentRef>> blank_form(
    Command& cmd, const ItemSpec& spec, long long department,
    std::map<std::string, services::AttachmentRef>& forms) {
  if (std::string(spec.kind) != "行政给付") return std::optional<services::AttachmentRef>();
  if (auto known = forms.find(spec.name); known != forms.end()) return std::optional(known->second);
  std::string title = fmt::format("{}申请表", spec.name);
  auto bytes = write_xlsx({{title},
                           {"申请人姓名", "", "公民身份号码", ""},
                           {"联系电话", "", "户籍地址", ""},
                           {"家庭人口", "", "家庭月收入（元）", ""},
                           {"申请事由", ""},
                           {"村（居）委会意见", ""},
                           {"申请人签字", "", "申请日期", ""}},
                          "申请表");
  if (!bytes) return bytes.error();
  std::string file_name = title + ".xlsx";
  auto stored =
      services::upload_attachment(cmd, "department:" + std::to_string(department), file_name, *bytes);
  if (!stored) return stored.error();
  services::AttachmentRef ref{stored->sha256, file_name};
  forms.emplace(spec.name, ref);
  return std::optional(ref);
}

}  // namespace

Result<CatalogueCounts> create_demo_catalogue(Command& cmd, const org::Region& county,
                                              const std::vector<org::Department>& departments,
                                              const std::vector<org::Region>& towns) {
  std::map<std::string, const org::Department*> by_name;
  for (const auto& d : departments) by_name[d.name] = &d;
  CatalogueCounts counts;
  int n = 0;
  std::map<std::string, services::AttachmentRef> forms;  // by item name
  auto add = [&](const Listed& l, const std::string& code, long long region, const std::string& level,
                 const std::string& place, bool by_agent) -> Status {
    const auto* dept = by_name.at(l.spec->department);
    auto guide = guide_for(*l.spec, l.situation, n++, place, dept->phone, by_agent);
    auto form = blank_form(cmd, *l.spec, dept->id, forms);
    if (!form) return form.error();
    if (*form) guide.materials[1].blank_form = **form;
    auto item = services::create_item(cmd, {code, dept->id, region, level, guide});
    if (!item) return item.error();
    return ok_status();
  };

  std::map<std::string, int> seq;
  for (const auto& l : take(county_items(), kCountyItems)) {
    const auto* dept = by_name.at(l.spec->department);
    std::string code = fmt::format("{}-{}-{:03}", dept->code, kind_code(l.spec->kind), ++seq[dept->code]);
    auto added =
        add(l, code, county.id, "county", "青禾县政务服务中心", std::string(l.spec->kind) == "行政给付");
    if (!added) return added.error();
    ++counts.county;
  }
  for (std::size_t t = 0; t < towns.size(); ++t) {
    int k = 0;
    for (const auto& l : take(town_items(), kTownItems)) {
      auto added = add(l, fmt::format("{}-{:03}", towns[t].code, ++k), towns[t].id, "town",
                       towns[t].name + "便民服务中心", true);
      if (!added) return added.error();
      ++counts.town;
    }
  }
  int k = 0;
  for (const auto& spec : village_items()) {
    Listed l{&spec, ""};  // an agent's errand is one item whatever the situation
    auto added = add(l, fmt::format("{}-V{:03}", county.code, ++k), county.id, "village",
                     "各村（社区）便民服务室", true);
    if (!added) return added.error();
    ++counts.village;
  }
  return counts;
}

}  // namespace fishbowl
