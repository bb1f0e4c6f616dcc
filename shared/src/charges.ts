/**
 * Charge names (罪名) as the supreme court's and procuratorate's charge interpretations fix them,
 * with the date a name took effect or was retired. This is the part of the ~483 names that duty
 * lawyers meet most; an unknown name is refused so records stay countable.
 */
export interface Charge {
  name: string;
  /** In force from (YYYY-MM-DD), for names added by later amendments. */
  from?: string;
  /** Retired on (YYYY-MM-DD): kept so older records stay valid. */
  until?: string;
}

const CURRENT = `背叛国家罪 分裂国家罪 煽动分裂国家罪 颠覆国家政权罪 煽动颠覆国家政权罪 间谍罪
为境外窃取、刺探、收买、非法提供国家秘密、情报罪 放火罪 失火罪 爆炸罪 投放危险物质罪
以危险方法危害公共安全罪 破坏电力设备罪 组织、领导、参加恐怖组织罪 帮助恐怖活动罪 准备实施恐怖活动罪
宣扬恐怖主义、极端主义、煽动实施恐怖活动罪 利用极端主义破坏法律实施罪 非法持有宣扬恐怖主义、极端主义物品罪
非法制造、买卖、运输、邮寄、储存枪支、弹药、爆炸物罪 非法持有、私藏枪支、弹药罪 交通肇事罪 危险驾驶罪
重大责任事故罪 重大劳动安全事故罪 生产、销售伪劣产品罪 生产、销售不符合安全标准的食品罪
生产、销售有毒、有害食品罪 走私普通货物、物品罪 走私国家禁止进出口的货物、物品罪
非法吸收公众存款罪 集资诈骗罪 合同诈骗罪 信用卡诈骗罪 妨害信用卡管理罪 伪造货币罪 持有、使用假币罪
骗取贷款、票据承兑、金融票证罪 高利转贷罪 洗钱罪 逃税罪 虚开增值税专用发票、用于骗取出口退税、抵扣税款发票罪
假冒注册商标罪 销售假冒注册商标的商品罪 侵犯著作权罪 侵犯商业秘密罪 组织、领导传销活动罪 非法经营罪 强迫交易罪
职务侵占罪 挪用资金罪 非国家工作人员受贿罪 对非国家工作人员行贿罪 故意杀人罪 过失致人死亡罪 故意伤害罪
过失致人重伤罪 强奸罪 强制猥亵、侮辱罪 猥亵儿童罪 非法拘禁罪 绑架罪 拐卖妇女、儿童罪 收买被拐卖的妇女、儿童罪
诬告陷害罪 侮辱罪 诽谤罪 非法侵入住宅罪 侵犯公民个人信息罪 重婚罪 虐待罪 遗弃罪 抢劫罪 盗窃罪 诈骗罪 抢夺罪
侵占罪 敲诈勒索罪 故意毁坏财物罪 破坏生产经营罪 拒不支付劳动报酬罪 妨害公务罪 招摇撞骗罪
伪造、变造、买卖国家机关公文、证件、印章罪 伪造公司、企业、事业单位、人民团体印章罪 伪造、变造、买卖身份证件罪
使用虚假身份证件、盗用身份证件罪 组织考试作弊罪 代替考试罪 非法获取计算机信息系统数据罪 破坏计算机信息系统罪
拒不履行信息网络安全管理义务罪 非法利用信息网络罪 帮助信息网络犯罪活动罪 聚众扰乱社会秩序罪
聚众扰乱公共场所秩序、交通秩序罪 编造、故意传播虚假恐怖信息罪 编造、故意传播虚假信息罪 聚众斗殴罪 寻衅滋事罪
组织、领导、参加黑社会性质组织罪 赌博罪 开设赌场罪 伪证罪 妨害作证罪 帮助毁灭、伪造证据罪 窝藏、包庇罪
掩饰、隐瞒犯罪所得、犯罪所得收益罪 拒不执行判决、裁定罪 脱逃罪 组织他人偷越国（边）境罪 偷越国（边）境罪
倒卖文物罪 盗掘古文化遗址、古墓葬罪 非法行医罪 医疗事故罪 污染环境罪 非法占用农用地罪 非法采矿罪
非法捕捞水产品罪 盗伐林木罪 滥伐林木罪 走私、贩卖、运输、制造毒品罪 非法持有毒品罪 容留他人吸毒罪
组织卖淫罪 强迫卖淫罪 协助组织卖淫罪 引诱、容留、介绍卖淫罪 贪污罪 挪用公款罪 受贿罪 单位受贿罪 利用影响力受贿罪
行贿罪 单位行贿罪 介绍贿赂罪 巨额财产来源不明罪 滥用职权罪 玩忽职守罪 徇私枉法罪 虐待被监护、看护人罪`;

/** Names added by the Criminal Law Amendment XI (in force 2021-03-01). */
const SINCE_2021 = `袭警罪 妨害安全驾驶罪 危险作业罪 高空抛物罪 催收非法债务罪 负有照护职责人员性侵罪 危害珍贵、濒危野生动物罪`;

export const CHARGES: readonly Charge[] = [
  ...CURRENT.split(/\s+/).map((name) => ({ name })),
  ...SINCE_2021.split(/\s+/).map((name) => ({ name, from: '2021-03-01' })),
  { name: '奸淫幼女罪', until: '2002-03-26' },
  { name: '嫖宿幼女罪', until: '2015-11-01' },
  { name: '强制猥亵、侮辱妇女罪', until: '2015-11-01' },
  { name: '非法猎捕、杀害珍贵、濒危野生动物罪', until: '2021-03-01' },
  { name: '非法收购、运输、出售珍贵、濒危野生动物、珍贵、濒危野生动物制品罪', until: '2021-03-01' },
];

const BY_NAME = new Map(CHARGES.map((c) => [c.name, c]));

/** Why a charge name cannot be used on a date (YYYY-MM-DD), or null when it can. */
export function chargeProblem(name: string, onDate: string): string | null {
  const c = BY_NAME.get(name);
  if (!c) return `“${name}”不是有效罪名`;
  if (c.from && onDate < c.from) return `“${name}”自 ${c.from} 起施行`;
  if (c.until && onDate >= c.until) return `“${name}”已于 ${c.until} 取消或更名`;
  return null;
}
