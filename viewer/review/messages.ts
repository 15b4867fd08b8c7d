/**
 * UI text of the `review` plate's frame, submissions and review workspace (BIM 报建审查). Simplified Chinese is the
 * reference catalogue; English has the same keys. The parcels pages keep theirs in ./parcel-messages.ts.
 */
import type { MessageCatalogue } from '@viewer/core/i18n';

const ZH = {
  'plate.title': 'BIM 报建审查',
  'nav.label': '报建审查',
  'nav.submissions': '报建',
  'nav.parcels': '地块与规划条件',
  'nav.twin': '返回数字孪生',
  'demo.label': '示例数据',

  'status.submitted': '已提交',
  'status.converting': '转换中',
  'status.checking': '自动审查',
  'status.pending-review': '待审查',
  'status.approved': '通过',
  'status.returned': '退回',
  'status.failed': '失败',

  'verdict.pass': '合格',
  'verdict.fail': '不合格',
  'verdict.undetermined': '无法判定',

  'list.title.applicant': '我的报建',
  'list.title.reviewer': '报建审查队列',
  'list.subtitle.applicant': '上传建筑 IFC 模型，系统自动转换并按地块规划条件核验指标，规划审查人员审查后通过或退回。',
  'list.subtitle.reviewer': '本辖区的报建，按提交时间排列；点击进入三维审查。',
  'list.filter.all': '全部状态',
  'list.empty': '暂无报建',
  'list.loading': '正在加载报建…',
  'list.error': '报建列表加载失败：{message}',
  'col.project': '项目',
  'col.version': '版本',
  'col.parcel': '地块',
  'col.status': '状态',
  'col.checks': '自动审查',
  'col.submittedBy': '申报人',
  'col.submittedAt': '提交时间',
  'col.open': '查看',
  'checks.summary': '合格 {pass} · 不合格 {fail} · 无法判定 {undetermined}',
  'progress.stage': '{stage} {percent}%',

  'upload.title': '提交报建模型',
  'upload.project': '项目名称',
  'upload.projectHint': '同一地块同名项目再次提交即为新版本（V2、V3…），旧版本保留。',
  'upload.parcel': '地块',
  'upload.file': '模型文件（IFC / IFCZIP，最大 {max}）',
  'upload.submit': '上传并提交',
  'upload.pause': '暂停',
  'upload.resume': '继续上传',
  'upload.progress': '已上传 {done} / {total}（{percent}%）',
  'upload.resumed': '已从断点 {done} 处继续上传',
  'upload.done': '已提交：{project} 第 {version} 版，正在转换。',
  'upload.error': '上传失败：{message}',
  'upload.tooLarge': '文件 {size} 超过上限 {max}',
  'upload.wrongType': '请选择 .ifc、.ifczip 或 .zip 文件',
  'upload.needFields': '请填写项目名称并选择地块和文件',
} as const;

/** Keys of {@link REVIEW_MESSAGES}. */
export type ReviewMessageKey = keyof typeof ZH;

/** The review plate's catalogue. */
export const REVIEW_MESSAGES = {
  'zh-CN': ZH,
  en: {
    'plate.title': 'BIM submission review',
    'nav.label': 'Submission review',
    'nav.submissions': 'Submissions',
    'nav.parcels': 'Parcels and planning conditions',
    'nav.twin': 'Back to the twin',
    'demo.label': 'Demo data',

    'status.submitted': 'Submitted',
    'status.converting': 'Converting',
    'status.checking': 'Automatic checks',
    'status.pending-review': 'Awaiting review',
    'status.approved': 'Approved',
    'status.returned': 'Returned',
    'status.failed': 'Failed',

    'verdict.pass': 'Pass',
    'verdict.fail': 'Fail',
    'verdict.undetermined': 'Undetermined',

    'list.title.applicant': 'My submissions',
    'list.title.reviewer': 'Submissions to review',
    'list.subtitle.applicant': 'Upload a building IFC: it is converted, checked against the parcel planning conditions, then reviewed by a planner who approves or returns it.',
    'list.subtitle.reviewer': 'Submissions of your region, newest first; open one to review it in 3D.',
    'list.filter.all': 'All states',
    'list.empty': 'No submissions yet',
    'list.loading': 'Loading submissions…',
    'list.error': 'Could not load the submissions: {message}',
    'col.project': 'Project',
    'col.version': 'Version',
    'col.parcel': 'Parcel',
    'col.status': 'Status',
    'col.checks': 'Automatic checks',
    'col.submittedBy': 'Applicant',
    'col.submittedAt': 'Submitted',
    'col.open': 'Open',
    'checks.summary': 'pass {pass} · fail {fail} · undetermined {undetermined}',
    'progress.stage': '{stage} {percent}%',

    'upload.title': 'Submit a building model',
    'upload.project': 'Project name',
    'upload.projectHint': 'Submitting the same project on the same parcel again creates a new version (V2, V3…); earlier versions are kept.',
    'upload.parcel': 'Parcel',
    'upload.file': 'Model file (IFC / IFCZIP, at most {max})',
    'upload.submit': 'Upload and submit',
    'upload.pause': 'Pause',
    'upload.resume': 'Resume upload',
    'upload.progress': 'Uploaded {done} of {total} ({percent}%)',
    'upload.resumed': 'Resumed from {done}',
    'upload.done': 'Submitted: {project} version {version}, now converting.',
    'upload.error': 'Upload failed: {message}',
    'upload.tooLarge': 'The file ({size}) exceeds the limit of {max}',
    'upload.wrongType': 'Choose an .ifc, .ifczip or .zip file',
    'upload.needFields': 'Enter a project name and choose a parcel and a file',
  },
} as const satisfies MessageCatalogue<ReviewMessageKey>;
