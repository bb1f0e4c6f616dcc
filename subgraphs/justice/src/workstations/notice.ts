/**
 * The public notice a workstation shows (art. 3) unless its agency words it otherwise: scope and
 * conditions of legal aid, and the duty lawyer's duties as the 2017 opinion (art. 2) lists them.
 */
export const DEFAULT_NOTICE = {
  legalAidScope:
    '为没有辩护人的犯罪嫌疑人、刑事被告人提供法律帮助：解答法律咨询，提出程序选择建议，帮助申请变更强制措施，对案件处理提出意见；符合法律援助条件的，可以申请由法律援助机构指派律师提供辩护。',
  legalAidConditions:
    '犯罪嫌疑人、刑事被告人因经济困难或者其他原因没有委托辩护人的，本人及其近亲属可以向法律援助机构申请法律援助；属于依法应当通知辩护的情形，由办案机关通知法律援助机构指派律师。',
  dutyLawyerDuties:
    '（一）解答法律咨询；（二）引导和帮助犯罪嫌疑人、刑事被告人及其近亲属申请法律援助，转交申请材料；（三）在认罪认罚案件中提供法律咨询、程序选择、申请变更强制措施等法律帮助，对检察机关定罪量刑建议提出意见，犯罪嫌疑人签署认罪认罚具结书时在场；（四）对刑讯逼供、非法取证情形代理申诉、控告；（五）承办法律援助机构交办的其他任务。值班律师不提供出庭辩护服务。',
} as const;
