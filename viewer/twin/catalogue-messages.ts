/** UI text of the resource catalogue admin page (资源目录): form, table, errors; zh-CN first. */
import type { MessageCatalogue } from '@viewer/core/i18n';

type CatalogueMessageKey =
  | 'page.title'
  | 'page.intro'
  | 'mode.register'
  | 'mode.tileset'
  | 'mode.vector'
  | 'field.kind'
  | 'field.url'
  | 'field.urlHint.xyz'
  | 'field.urlHint.tms'
  | 'field.urlHint.wmts'
  | 'field.urlHint.terrain'
  | 'field.urlHint.external-tileset'
  | 'field.urlHint.geojson'
  | 'field.scheme'
  | 'field.subdomains'
  | 'field.subdomainsHint'
  | 'field.tilingScheme'
  | 'field.tilingScheme.webmercator'
  | 'field.tilingScheme.geographic'
  | 'field.maximumLevel'
  | 'field.wmtsLayer'
  | 'field.tileMatrixSet'
  | 'field.heightOffset'
  | 'field.stroke'
  | 'field.title'
  | 'field.titleEn'
  | 'field.cimLevel'
  | 'field.cimNone'
  | 'field.region'
  | 'field.visibility'
  | 'field.visibility.public'
  | 'field.visibility.internal'
  | 'field.attribution'
  | 'field.defaultVisible'
  | 'field.sortOrder'
  | 'field.file'
  | 'field.fileHint.tileset'
  | 'field.fileHint.vector'
  | 'field.crs'
  | 'field.crs.gcj02'
  | 'section.service'
  | 'section.metadata'
  | 'kind.imagery'
  | 'kind.terrain'
  | 'kind.external-tileset'
  | 'kind.geojson'
  | 'kind.points'
  | 'origin.registered'
  | 'origin.uploaded'
  | 'submit.register'
  | 'submit.upload'
  | 'submit.busy'
  | 'result.registered'
  | 'result.uploaded'
  | 'table.title'
  | 'table.empty'
  | 'table.loading'
  | 'table.layer'
  | 'table.kind'
  | 'table.region'
  | 'table.visibility'
  | 'table.url'
  | 'table.actions'
  | 'action.makePublic'
  | 'action.makeInternal'
  | 'action.remove'
  | 'action.confirmRemove'
  | 'error.forbidden'
  | 'error.generic';

/** The messages of viewer/twin/catalogue-form.tsx and catalogue-table.tsx. */
export const CATALOGUE_MESSAGES: MessageCatalogue<CatalogueMessageKey> = {
  'zh-CN': {
    'page.title': '资源目录',
    'page.intro': '注册部门已有的影像、地形、三维瓦片与矢量服务，或上传三维瓦片与矢量文件。服务器只校验地址，不访问第三方服务；瓦片由浏览器直接加载。',
    'mode.register': '注册服务',
    'mode.tileset': '上传三维瓦片（zip）',
    'mode.vector': '上传矢量（GeoJSON / Shapefile）',
    'field.kind': '类型',
    'field.url': '服务地址',
    'field.urlHint.xyz': '含 {z}/{x}/{y} 的瓦片模板，如 https://tiles.example/{z}/{x}/{y}.png；可用 {s} 表示子域名',
    'field.urlHint.tms': 'TMS 根目录（tilemapresource.xml 所在目录）',
    'field.urlHint.wmts': '含 {TileMatrix}/{TileRow}/{TileCol} 的 WMTS 模板（天地图请把密钥写作 tk=… 参数）',
    'field.urlHint.terrain': 'quantized-mesh 地形根目录（layer.json 所在目录）',
    'field.urlHint.external-tileset': '3D Tiles 1.0/1.1 的 tileset.json 地址',
    'field.urlHint.geojson': 'GeoJSON 文件地址（WGS84 经纬度）',
    'field.scheme': '瓦片方案',
    'field.subdomains': '子域名',
    'field.subdomainsHint': '以逗号分隔，如 0,1,2,3,4,5,6,7（天地图）',
    'field.tilingScheme': '切片坐标系',
    'field.tilingScheme.webmercator': 'Web 墨卡托（EPSG:3857）',
    'field.tilingScheme.geographic': '经纬度（EPSG:4326/4490）',
    'field.maximumLevel': '最大级别',
    'field.wmtsLayer': 'WMTS 图层名',
    'field.tileMatrixSet': '切片矩阵集',
    'field.heightOffset': '高度偏移（米）',
    'field.stroke': '线色',
    'field.title': '名称（中文）',
    'field.titleEn': '名称（英文）',
    'field.cimLevel': 'CIM 等级',
    'field.cimNone': '未分级',
    'field.region': '所属行政区',
    'field.visibility': '可见范围',
    'field.visibility.public': '公开（含访客）',
    'field.visibility.internal': '内部（本辖区工作人员）',
    'field.attribution': '版权 / 数据来源',
    'field.defaultVisible': '默认显示',
    'field.sortOrder': '排序',
    'field.file': '文件',
    'field.fileHint.tileset': 'zip 根目录或唯一顶层文件夹中须有 tileset.json；只允许 glb、b3dm、i3dm、pnts、cmpt、json、subtree 文件',
    'field.fileHint.vector': 'GeoJSON（.geojson/.json）或含 .shp/.dbf 的 zip；坐标须位于江西省范围内',
    'field.crs': '源坐标系',
    'field.crs.gcj02': 'GCJ-02（高德/腾讯，自动纠偏为 WGS84）',
    'section.service': '服务',
    'section.metadata': '目录信息',
    'kind.imagery': '影像（XYZ / TMS / WMTS）',
    'kind.terrain': '地形（quantized-mesh）',
    'kind.external-tileset': '三维瓦片（3D Tiles）',
    'kind.geojson': 'GeoJSON 地址',
    'kind.points': '点位',
    'origin.registered': '注册',
    'origin.uploaded': '上传',
    'submit.register': '注册',
    'submit.upload': '上传',
    'submit.busy': '处理中…',
    'result.registered': '已注册：{title}',
    'result.uploaded': '已上传：{title}',
    'table.title': '已注册与上传的图层',
    'table.empty': '本辖区尚无注册或上传的图层',
    'table.loading': '正在加载…',
    'table.layer': '图层',
    'table.kind': '类型',
    'table.region': '行政区',
    'table.visibility': '可见范围',
    'table.url': '地址',
    'table.actions': '操作',
    'action.makePublic': '设为公开',
    'action.makeInternal': '设为内部',
    'action.remove': '删除',
    'action.confirmRemove': '删除图层“{title}”？上传的数据将一并删除。',
    'error.forbidden': '无权操作：{message}',
    'error.generic': '操作失败：{message}',
  },
  en: {
    'page.title': 'Resource catalogue',
    'page.intro': "Register the department's imagery, terrain, 3D Tiles and vector services, or upload 3D Tiles and vector files. The server checks addresses but never contacts third-party services; browsers load their tiles directly.",
    'mode.register': 'Register a service',
    'mode.tileset': 'Upload 3D Tiles (zip)',
    'mode.vector': 'Upload vectors (GeoJSON / Shapefile)',
    'field.kind': 'Kind',
    'field.url': 'Service URL',
    'field.urlHint.xyz': 'A tile template with {z}/{x}/{y}, e.g. https://tiles.example/{z}/{x}/{y}.png; {s} for subdomains',
    'field.urlHint.tms': 'The TMS root (the folder of tilemapresource.xml)',
    'field.urlHint.wmts': 'A WMTS template with {TileMatrix}/{TileRow}/{TileCol} (天地图: the key as a tk=… parameter)',
    'field.urlHint.terrain': 'The quantized-mesh root (the folder of layer.json)',
    'field.urlHint.external-tileset': 'The tileset.json of a 3D Tiles 1.0/1.1 tileset',
    'field.urlHint.geojson': 'A GeoJSON file (WGS84 lon/lat)',
    'field.scheme': 'Tile scheme',
    'field.subdomains': 'Subdomains',
    'field.subdomainsHint': 'Comma-separated, e.g. 0,1,2,3,4,5,6,7 (天地图)',
    'field.tilingScheme': 'Tiling frame',
    'field.tilingScheme.webmercator': 'Web Mercator (EPSG:3857)',
    'field.tilingScheme.geographic': 'Lon/lat (EPSG:4326/4490)',
    'field.maximumLevel': 'Maximum level',
    'field.wmtsLayer': 'WMTS layer',
    'field.tileMatrixSet': 'Tile matrix set',
    'field.heightOffset': 'Height offset (m)',
    'field.stroke': 'Line colour',
    'field.title': 'Title (Chinese)',
    'field.titleEn': 'Title (English)',
    'field.cimLevel': 'CIM level',
    'field.cimNone': 'Unclassified',
    'field.region': 'Region',
    'field.visibility': 'Visible to',
    'field.visibility.public': 'Public (also visitors)',
    'field.visibility.internal': 'Internal (staff of the region)',
    'field.attribution': 'Attribution / data source',
    'field.defaultVisible': 'Shown by default',
    'field.sortOrder': 'Order',
    'field.file': 'File',
    'field.fileHint.tileset': 'tileset.json at the zip root or in its one top folder; only glb, b3dm, i3dm, pnts, cmpt, json and subtree files',
    'field.fileHint.vector': 'GeoJSON (.geojson/.json) or a zip with .shp/.dbf; coordinates must lie in Jiangxi',
    'field.crs': 'Source CRS',
    'field.crs.gcj02': 'GCJ-02 (AMap/Tencent; converted to WGS84)',
    'section.service': 'Service',
    'section.metadata': 'Catalogue entry',
    'kind.imagery': 'Imagery (XYZ / TMS / WMTS)',
    'kind.terrain': 'Terrain (quantized-mesh)',
    'kind.external-tileset': '3D Tiles',
    'kind.geojson': 'GeoJSON URL',
    'kind.points': 'Points',
    'origin.registered': 'Registered',
    'origin.uploaded': 'Uploaded',
    'submit.register': 'Register',
    'submit.upload': 'Upload',
    'submit.busy': 'Working…',
    'result.registered': 'Registered: {title}',
    'result.uploaded': 'Uploaded: {title}',
    'table.title': 'Registered and uploaded layers',
    'table.empty': 'No registered or uploaded layers in your region yet',
    'table.loading': 'Loading…',
    'table.layer': 'Layer',
    'table.kind': 'Kind',
    'table.region': 'Region',
    'table.visibility': 'Visible to',
    'table.url': 'URL',
    'table.actions': 'Actions',
    'action.makePublic': 'Make public',
    'action.makeInternal': 'Make internal',
    'action.remove': 'Remove',
    'action.confirmRemove': 'Remove the layer “{title}”? Uploaded data goes with it.',
    'error.forbidden': 'Not allowed: {message}',
    'error.generic': 'Failed: {message}',
  },
};
