// The disclosure catalogue: the columns of information organs publish on their own initiative, as the
// Regulations on Open Government Information list them (article 20 for every organ, article 21 for county
// governments and their departments and for towns).
#include "disclosure/disclosure.h"

namespace fishbowl::disclosure {

const std::vector<Column>& columns() {
  static const std::vector<Column> c{
      // Item (一) is split by kind, because the annual report counts rules and normative documents apart.
      {"rules", "规章", "第二十条第（一）项"},
      {"normative", "行政规范性文件", "第二十条第（一）项"},
      {"organ", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名", "第二十条第（二）项"},
      {"plans", "国民经济和社会发展规划、专项规划、区域规划及相关政策", "第二十条第（三）项"},
      {"statistics", "国民经济和社会发展统计信息", "第二十条第（四）项"},
      {"licensing", "行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果", "第二十条第（五）项"},
      {"enforcement", "行政处罚、行政强制的依据、条件、程序以及有一定社会影响的行政处罚决定",
       "第二十条第（六）项"},
      {"budgets", "财政预算、决算信息", "第二十条第（七）项"},
      {"fees", "行政事业性收费项目及其依据、标准", "第二十条第（八）项"},
      {"procurement", "政府集中采购项目的目录、标准及实施情况", "第二十条第（九）项"},
      {"major_projects", "重大建设项目的批准和实施情况", "第二十条第（十）项"},
      {"livelihood", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
       "第二十条第（十一）项"},
      {"emergencies", "突发公共事件的应急预案、预警信息及应对情况", "第二十条第（十二）项"},
      {"inspections", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
       "第二十条第（十三）项"},
      {"civil_service", "公务员招考的职位、名额、报考条件等事项以及录用结果", "第二十条第（十四）项"},
      {"other", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息", "第二十条第（十五）项"},
      {"public_works", "市政建设、公共服务、公益事业", "第二十一条"},
      {"expropriation", "土地征收、房屋征收", "第二十一条"},
      {"public_security", "治安管理", "第二十一条"},
      {"social_assistance", "社会救助", "第二十一条"},
      {"rural_policy", "贯彻落实农业农村政策", "第二十一条（乡镇）", true},
      {"irrigation", "农田水利工程建设运营", "第二十一条（乡镇）", true},
      {"land_contracts", "农村土地承包经营权流转", "第二十一条（乡镇）", true},
      {"homesteads", "宅基地使用情况审核", "第二十一条（乡镇）", true},
      {"contributions", "筹资筹劳", "第二十一条（乡镇）", true},
  };
  return c;
}

const Column* find_column(const std::string& code) {
  for (const auto& c : columns())
    if (c.code == code) return &c;
  return nullptr;
}

const std::vector<std::string>& validities() {
  static const std::vector<std::string> v{"valid", "repealed", "expired"};
  return v;
}

const std::vector<std::string>& notice_kinds() {
  static const std::vector<std::string> k{"planning", "rights", "village_affairs", "candidates", "general"};
  return k;
}

}  // namespace fishbowl::disclosure
