/** UI text of the `sensors` plate (物联感知 + 告警): its layer group title and the twin's alarm panel. */
import type { MessageCatalogue } from '@viewer/core/i18n';

type SensorsMessageKey =
  | 'plate.title'
  | 'alarms.title'
  | 'alarms.loading'
  | 'alarms.empty'
  | 'alarms.signIn'
  | 'alarms.forbidden'
  | 'alarms.loadFailed'
  | 'alarms.level'
  | 'alarms.value'
  | 'alarms.rule'
  | 'alarms.thresholdSource'
  | 'alarms.firstSeen'
  | 'alarms.lastSeen'
  | 'alarms.deadline'
  | 'alarms.overdue'
  | 'alarms.noteLabel'
  | 'alarms.notePlaceholder'
  | 'alarms.confirm'
  | 'alarms.cancel'
  | 'alarms.saving'
  | 'alarms.conflict'
  | 'alarms.failed'
  | 'alarms.demo'
  | 'status.pending'
  | 'status.dispatched'
  | 'status.handling'
  | 'status.closed'
  | 'status.false-alarm'
  | 'step.dispatched'
  | 'step.handling'
  | 'step.closed'
  | 'step.false-alarm'
  | 'step.pending'
  | 'alarms.locate'
  | 'alarms.live'
  | 'alarms.offline'
  | 'chart.title'
  | 'chart.range24h'
  | 'chart.range7d'
  | 'chart.rangeCustom'
  | 'chart.from'
  | 'chart.to'
  | 'chart.loading'
  | 'chart.empty'
  | 'chart.failed'
  | 'chart.avg'
  | 'chart.minmax'
  | 'chart.threshold'
  | 'chart.close'
  | 'chart.lastValue'
  | 'chart.state'
  | 'state.normal'
  | 'state.offline'
  | 'state.alarm'
  | 'heat.legend';

/** zh-CN / en text of the sensors plate. */
export const SENSORS_MESSAGES = {
  'zh-CN': {
    'plate.title': '物联感知与告警',
    'alarms.title': '告警',
    'alarms.loading': '正在加载告警…',
    'alarms.empty': '暂无告警',
    'alarms.signIn': '登录后可查看本辖区的告警。',
    'alarms.forbidden': '当前账号的角色无权查看告警（限巡检员、执法人员和管理员）。',
    'alarms.loadFailed': '告警读取失败：{message}',
    'alarms.level': '{level} 级',
    'alarms.value': '数值',
    'alarms.rule': '规则',
    'alarms.thresholdSource': '阈值依据',
    'alarms.firstSeen': '首次发现',
    'alarms.lastSeen': '最近发现',
    'alarms.deadline': '处置时限',
    'alarms.overdue': '已超时',
    'alarms.noteLabel': '处置说明（必填）',
    'alarms.notePlaceholder': '例如：已通知燃气公司抢修队',
    'alarms.confirm': '确认',
    'alarms.cancel': '取消',
    'alarms.saving': '正在提交…',
    'alarms.conflict': '该告警已被他人更新，列表已刷新，请核对后重试。',
    'alarms.failed': '操作失败：{message}',
    'alarms.demo': '示例数据',
    'status.pending': '待研判',
    'status.dispatched': '已推送',
    'status.handling': '处置中',
    'status.closed': '已闭环',
    'status.false-alarm': '误报',
    'step.pending': '退回待研判',
    'step.dispatched': '推送',
    'step.handling': '开始处置',
    'step.closed': '闭环',
    'step.false-alarm': '标记误报',
    'alarms.locate': '在地图上定位 {name}',
    'alarms.live': '实时',
    'alarms.offline': '实时推送已断开，正在重连…',
    'chart.title': '监测曲线',
    'chart.range24h': '24 小时',
    'chart.range7d': '7 天',
    'chart.rangeCustom': '自定义',
    'chart.from': '起',
    'chart.to': '止',
    'chart.loading': '正在加载曲线…',
    'chart.empty': '该时段内无读数',
    'chart.failed': '曲线读取失败：{message}',
    'chart.avg': '均值',
    'chart.minmax': '最小–最大',
    'chart.threshold': '{level} 级阈值 {value}',
    'chart.close': '关闭',
    'chart.lastValue': '最新值',
    'chart.state': '状态',
    'state.normal': '正常',
    'state.offline': '离线',
    'state.alarm': '{level} 级告警',
    'heat.legend': '热力图',
  },
  en: {
    'plate.title': 'Sensors and alarms',
    'alarms.title': 'Alarms',
    'alarms.loading': 'Loading alarms…',
    'alarms.empty': 'No alarms',
    'alarms.signIn': 'Sign in to see the alarms of your region.',
    'alarms.forbidden': 'Your role may not see alarms (inspectors, officers and admins only).',
    'alarms.loadFailed': 'Could not load the alarms: {message}',
    'alarms.level': 'Level {level}',
    'alarms.value': 'Value',
    'alarms.rule': 'Rule',
    'alarms.thresholdSource': 'Threshold source',
    'alarms.firstSeen': 'First seen',
    'alarms.lastSeen': 'Last seen',
    'alarms.deadline': 'Deadline',
    'alarms.overdue': 'overdue',
    'alarms.noteLabel': 'Note (required)',
    'alarms.notePlaceholder': 'e.g. gas company repair crew notified',
    'alarms.confirm': 'Confirm',
    'alarms.cancel': 'Cancel',
    'alarms.saving': 'Saving…',
    'alarms.conflict': 'Someone else updated this alarm; the list was reloaded, check it and try again.',
    'alarms.failed': 'Failed: {message}',
    'alarms.demo': 'Demo data',
    'status.pending': 'Pending',
    'status.dispatched': 'Dispatched',
    'status.handling': 'Handling',
    'status.closed': 'Closed',
    'status.false-alarm': 'False alarm',
    'step.pending': 'Back to pending',
    'step.dispatched': 'Dispatch',
    'step.handling': 'Start handling',
    'step.closed': 'Close',
    'step.false-alarm': 'Mark false alarm',
    'alarms.locate': 'Show {name} on the map',
    'alarms.live': 'Live',
    'alarms.offline': 'Live updates disconnected, reconnecting…',
    'chart.title': 'Readings',
    'chart.range24h': '24 h',
    'chart.range7d': '7 d',
    'chart.rangeCustom': 'Custom',
    'chart.from': 'From',
    'chart.to': 'To',
    'chart.loading': 'Loading readings…',
    'chart.empty': 'No readings in this period',
    'chart.failed': 'Could not load the readings: {message}',
    'chart.avg': 'Mean',
    'chart.minmax': 'Min–max',
    'chart.threshold': 'Level {level} threshold {value}',
    'chart.close': 'Close',
    'chart.lastValue': 'Last value',
    'chart.state': 'State',
    'state.normal': 'Normal',
    'state.offline': 'Offline',
    'state.alarm': 'Level {level} alarm',
    'heat.legend': 'Heat map',
  },
} as const satisfies MessageCatalogue<SensorsMessageKey>;
