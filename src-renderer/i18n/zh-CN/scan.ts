/** 付款码收款（scan 命名空间）。 */
export const scanZhCN = {
  title: '扫顾客付款码',
  inputLabel: '付款码',
  inputPlaceholder: '扫码枪扫描，或手动输入后按回车',
  charge: '收款',
  charging: '正在提交…',
  paying: '等待顾客在手机上确认付款…',
  payingHint: '顾客输入密码后会自动完成。',
  stop: '停止等待',
  stopping: '正在撤销…',
  paid: '付款码收款成功。',
  failed: '付款失败：{{reason}}。请让顾客换一种方式付款。',
  cancelled: '顾客未在时限内确认，已撤销这笔付款。',
  stopped: '已停止等待并撤销这笔付款。',
  offlineHint: '付款码收款需要连接网关。请让顾客改扫上方收款码（顾客手机直接向网关付款），或收现金。',
  reasonDeclined: '顾客的钱包拒绝了付款',
  reasonClosed: '交易已关闭',
};
