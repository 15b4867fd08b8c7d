/** UI text of the sensor registry page (`/sensors/devices`, 物联设备台账). */
import type { MessageCatalogue } from '@viewer/core/i18n';

type RegistryMessageKey =
  | 'page.title'
  | 'nav.label'
  | 'nav.devices'
  | 'nav.twin'
  | 'intro'
  | 'readOnly'
  | 'filter.type'
  | 'filter.all'
  | 'devices.title'
  | 'devices.count'
  | 'devices.empty'
  | 'devices.loading'
  | 'col.code'
  | 'col.name'
  | 'col.type'
  | 'col.region'
  | 'col.asset'
  | 'col.gateway'
  | 'col.last'
  | 'col.state'
  | 'col.actions'
  | 'state.active'
  | 'state.retired'
  | 'state.never'
  | 'demo'
  | 'action.rotate'
  | 'action.retire'
  | 'action.reactivate'
  | 'action.confirmRetire'
  | 'create.title'
  | 'create.submit'
  | 'create.busy'
  | 'field.code'
  | 'field.name'
  | 'field.type'
  | 'field.region'
  | 'field.lon'
  | 'field.lat'
  | 'field.assetKind'
  | 'field.assetId'
  | 'field.gateway'
  | 'field.issueToken'
  | 'field.none'
  | 'field.regionPlaceholder'
  | 'gateways.title'
  | 'gateways.empty'
  | 'gateways.sensors'
  | 'gateways.create'
  | 'token.titleSensor'
  | 'token.titleGateway'
  | 'token.subject'
  | 'token.label'
  | 'token.warning'
  | 'token.copy'
  | 'token.copied'
  | 'token.copyFailed'
  | 'token.close'
  | 'failed';

/** zh-CN / en text of the registry page. */
export const REGISTRY_MESSAGES = {
  'zh-CN': {
    'page.title': '物联设备台账',
    'nav.label': '物联感知',
    'nav.devices': '设备台账',
    'nav.twin': '返回城市孪生',
    intro: '本辖区的监测设备与网关。设备凭令牌经 HTTP（POST /api/sensors/readings）或 MQTT 上报数据；令牌只在签发时显示一次。',
    readOnly: '只读：登记设备、签发令牌和停用设备限管理员。',
    'filter.type': '类型',
    'filter.all': '全部类型',
    'devices.title': '监测设备',
    'devices.count': '共 {count} 台',
    'devices.empty': '本辖区暂无设备',
    'devices.loading': '正在加载设备…',
    'col.code': '编号',
    'col.name': '名称',
    'col.type': '类型',
    'col.region': '辖区',
    'col.asset': '监测对象',
    'col.gateway': '网关',
    'col.last': '最新数据',
    'col.state': '状态',
    'col.actions': '操作',
    'state.active': '在用',
    'state.retired': '已停用',
    'state.never': '尚未上报',
    demo: '示例',
    'action.rotate': '重签令牌',
    'action.retire': '停用',
    'action.reactivate': '启用',
    'action.confirmRetire': '停用设备 {code}？停用后其上报将被拒收，历史数据保留。',
    'create.title': '登记设备',
    'create.submit': '登记',
    'create.busy': '正在登记…',
    'field.code': '编号',
    'field.name': '名称',
    'field.type': '类型',
    'field.region': '辖区',
    'field.lon': '经度（°E, WGS84）',
    'field.lat': '纬度（°N, WGS84）',
    'field.assetKind': '监测对象类型',
    'field.assetId': '监测对象编号',
    'field.gateway': '网关',
    'field.issueToken': '签发设备自身令牌',
    'field.none': '无',
    'field.regionPlaceholder': '请选择辖区',
    'gateways.title': '网关',
    'gateways.empty': '本辖区暂无网关',
    'gateways.sensors': '{count} 台设备',
    'gateways.create': '登记网关',
    'token.titleSensor': '设备令牌已签发',
    'token.titleGateway': '网关令牌已签发',
    'token.subject': '编号：{code}',
    'token.label': '接入令牌',
    'token.warning': '此令牌仅显示这一次，关闭后无法再次查看；旧令牌立即失效。请配置到设备或网关后妥善保管。',
    'token.copy': '复制',
    'token.copied': '已复制',
    'token.copyFailed': '复制失败，请手动选择令牌复制',
    'token.close': '我已记下，关闭',
    failed: '操作失败：{message}',
  },
  en: {
    'page.title': 'Sensor registry',
    'nav.label': 'Sensors',
    'nav.devices': 'Registry',
    'nav.twin': 'Back to the city twin',
    intro: 'Sensors and gateways of your region. Devices send readings with their token over HTTP (POST /api/sensors/readings) or MQTT; a token is shown only when it is issued.',
    readOnly: 'Read only: registering sensors, issuing tokens and retiring sensors is for admins.',
    'filter.type': 'Type',
    'filter.all': 'All types',
    'devices.title': 'Sensors',
    'devices.count': '{count} sensors',
    'devices.empty': 'No sensors in your region',
    'devices.loading': 'Loading sensors…',
    'col.code': 'Code',
    'col.name': 'Name',
    'col.type': 'Type',
    'col.region': 'Region',
    'col.asset': 'Asset',
    'col.gateway': 'Gateway',
    'col.last': 'Last reading',
    'col.state': 'State',
    'col.actions': 'Actions',
    'state.active': 'Active',
    'state.retired': 'Retired',
    'state.never': 'No reading yet',
    demo: 'demo',
    'action.rotate': 'New token',
    'action.retire': 'Retire',
    'action.reactivate': 'Reactivate',
    'action.confirmRetire': 'Retire sensor {code}? Its readings will be refused; its history is kept.',
    'create.title': 'Register a sensor',
    'create.submit': 'Register',
    'create.busy': 'Registering…',
    'field.code': 'Code',
    'field.name': 'Name',
    'field.type': 'Type',
    'field.region': 'Region',
    'field.lon': 'Longitude (°E, WGS84)',
    'field.lat': 'Latitude (°N, WGS84)',
    'field.assetKind': 'Asset kind',
    'field.assetId': 'Asset id',
    'field.gateway': 'Gateway',
    'field.issueToken': 'Issue the sensor its own token',
    'field.none': 'None',
    'field.regionPlaceholder': 'Choose a region',
    'gateways.title': 'Gateways',
    'gateways.empty': 'No gateways in your region',
    'gateways.sensors': '{count} sensors',
    'gateways.create': 'Register gateway',
    'token.titleSensor': 'Sensor token issued',
    'token.titleGateway': 'Gateway token issued',
    'token.subject': 'Code: {code}',
    'token.label': 'Ingest token',
    'token.warning': 'This token is shown only once and cannot be viewed again; any older token stops working now. Configure it on the device or gateway and keep it safe.',
    'token.copy': 'Copy',
    'token.copied': 'Copied',
    'token.copyFailed': 'Copy failed; select the token and copy it by hand',
    'token.close': 'I have noted it, close',
    failed: 'Failed: {message}',
  },
} as const satisfies MessageCatalogue<RegistryMessageKey>;
