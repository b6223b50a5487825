/** Settlement settings and receipt printer strings (namespace `print`), zh-CN. */
export const print = {
  feesTitle: '手续费与到账',
  feesHint: '费率以基点计：38 = 0.38%。只影响之后的交易；已记账的交易按当时费率。',
  rate: '{{channel}} 费率（基点）',
  payoutDelay: '到账天数（T+N）',
  save: '保存',
  saved: '已保存。',
  printerTitle: '小票打印机（网络 ESC/POS）',
  printerHint: '打印小票时使用英文标签；金额完整打印。',
  enabled: '启用',
  host: '地址',
  port: '端口',
  printReceipt: '打印到小票机',
  printed: '已发送到小票打印机。',
};
