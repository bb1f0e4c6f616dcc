import { type ReportCounter, regionFullName } from '@duty/kit';
import { stringify } from 'csv-stringify/sync';
import { type AssembledReport, REPORT_PARTS, type ReportPart } from './assemble.js';

/** A China date `YYYY-MM-DD` as `2025年1月1日`. */
const day = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const period = (from: string, to: string) => `${day(from)}至${day(to)}`;
/** The change as Chinese statistics write it (增长/下降), never a sign a spreadsheet reads as a formula. */
const change = (now: number, before: number) => {
  if (before === 0) return now === 0 ? '持平' : '新增';
  if (now === before) return '持平';
  const share = `${((Math.abs(now - before) / before) * 100).toFixed(1)}%`;
  return now > before ? `增长${share}` : `下降${share}`;
};

export interface MeetingMinutes {
  title: string;
  heldOn: string;
  place: string | null;
  participants: { agency: string; people: string[] }[];
  agenda: string[];
  minutes: string | null;
  decisions: string[];
  actionItems: {
    description: string;
    owner: string;
    dueOn: string;
    status: string;
    followUp: string | null;
  }[];
}

/** A ratio of two counters' person-times, this period and the previous (质量指标). */
interface QualityRatio {
  label: string;
  now: string;
  before: string;
}

const QUALITY: { label: string; part: ReportPart; of: string; over: string; overPart?: ReportPart }[] = [
  {
    label: '逾期指派率（逾期指派 / 收到通知）',
    part: 'justice',
    of: 'REQUESTS_ANSWERED_LATE',
    over: 'REQUESTS_RECEIVED',
  },
  {
    label: '逾期转交率（逾期转交 / 转交申请）',
    part: 'justice',
    of: 'LEGAL_AID_APPLICATIONS_FORWARDED_LATE',
    over: 'LEGAL_AID_APPLICATIONS_FORWARDED',
  },
  {
    label: '律师意见采纳率（被采纳 / 已作决定）',
    part: 'procuratorate',
    of: 'LAWYER_OPINIONS_ADOPTED',
    over: 'LAWYER_OPINIONS_DECIDED',
  },
  {
    label: '具结书双方记录不一致（件 / 值班律师在场具结）',
    part: 'justice',
    of: 'PLEA_SIDES_DISAGREE',
    over: 'PLEA_AGREEMENTS_WITNESSED',
    overPart: 'procuratorate',
  },
  {
    label: '派驻单位满意率（4分及以上 / 征询）',
    part: 'justice',
    of: 'HOST_FEEDBACK_SATISFIED',
    over: 'HOST_FEEDBACK',
  },
  {
    label: '当事人满意率（4分及以上 / 回访）',
    part: 'justice',
    of: 'CLIENT_SATISFIED',
    over: 'CLIENT_FOLLOW_UPS',
  },
];

/** The quality figures (质量指标) as shares, where both counters exist. */
export function qualityRatios(r: AssembledReport): QualityRatio[] {
  const find = (part: ReportPart, key: string) => r.parts[part].find((c) => c.key === key);
  const share = (a: number | undefined, b: number | undefined) =>
    a === undefined || !b ? '—' : `${((a / b) * 100).toFixed(1)}%`;
  return QUALITY.flatMap((q) => {
    const of = find(q.part, q.of);
    const over = find(q.overPart ?? q.part, q.over);
    if (!of || !over) return [];
    return [
      {
        label: q.label,
        now: share(of.personTimes, over.personTimes),
        before: share(of.previousPersonTimes, over.previousPersonTimes),
      },
    ];
  });
}

/**
 * The report as CSV for spreadsheets: UTF-8 with a byte-order mark (Excel reads the Chinese), one
 * row per counter and per month, the previous period beside each.
 */
export function reportCsv(r: AssembledReport, minutes?: MeetingMinutes): string {
  const region = regionFullName(r.regionCode) ?? r.regionCode;
  const rows: (string | number)[][] = [
    ['联席会议统计报告'],
    ['行政区划', `${region}（${r.regionCode}）`],
    ['统计期间', period(r.from, r.to)],
    ['对比期间', period(r.previousFrom, r.previousTo)],
    [],
    [
      '报送单位',
      '统计项',
      '分项',
      '件数（件）',
      '人次（人次）',
      '上期件数（件）',
      '上期人次（人次）',
      '人次增减',
    ],
  ];
  for (const part of REPORT_PARTS) {
    for (const c of r.parts[part.field]) {
      rows.push([
        part.title,
        c.label,
        '合计',
        c.cases,
        c.personTimes,
        c.previousCases,
        c.previousPersonTimes,
        change(c.personTimes, c.previousPersonTimes),
      ]);
      for (const m of c.byMonth)
        rows.push([part.title, c.label, m.label, m.cases, m.personTimes, '', '', '']);
    }
  }
  rows.push([], ['质量指标', '本期', '上期']);
  for (const q of qualityRatios(r)) rows.push([q.label, q.now, q.before]);
  if (minutes) {
    rows.push([], ['会议', minutes.title], ['时间', day(minutes.heldOn)], ['决定事项']);
    for (const d of minutes.decisions) rows.push(['', d]);
    rows.push(['督办事项', '责任单位', '完成期限', '状态', '落实情况']);
    for (const a of minutes.actionItems)
      rows.push([a.description, a.owner, day(a.dueOn), a.status, a.followUp ?? '']);
  }
  // Text typed by users (meeting decisions, follow-ups) reaches these cells: a leading = + - @ tab
  // or CR would run as a formula in Excel, so csv-stringify prefixes it with an apostrophe.
  return stringify(rows, {
    bom: true,
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
  });
}

const esc = (s: string | number) =>
  String(s)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

function counterTable(title: string, counters: ReportCounter[]) {
  const rows = counters
    .map(
      (c) =>
        `<tr><td>${esc(c.label)}</td><td>${c.cases}</td><td>${c.personTimes}</td><td>${c.previousCases}</td><td>${c.previousPersonTimes}</td><td>${esc(change(c.personTimes, c.previousPersonTimes))}</td></tr>`,
    )
    .join('');
  return `<h2>${esc(title)}</h2><table><thead><tr><th>统计项</th><th>件数（件）</th><th>人次（人次）</th><th>上期件数（件）</th><th>上期人次（人次）</th><th>人次增减</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The report (and a meeting's minutes) as a self-contained printable page in Simplified Chinese. */
export function reportHtml(r: AssembledReport, minutes?: MeetingMinutes): string {
  const region = regionFullName(r.regionCode) ?? r.regionCode;
  const title = minutes ? minutes.title : `${region}法律援助值班律师工作联席会议统计报告`;
  const meeting = minutes
    ? `<section><h2>会议情况</h2><p>时间：${esc(day(minutes.heldOn))}${minutes.place ? `　地点：${esc(minutes.place)}` : ''}</p>
<p>参会单位和人员：${minutes.participants.map((p) => `${esc(p.agency)}（${p.people.map(esc).join('、')}）`).join('；')}</p>
<h3>议题</h3><ol>${minutes.agenda.map((a) => `<li>${esc(a)}</li>`).join('')}</ol>
<h3>会议纪要</h3><p>${esc(minutes.minutes ?? '（尚未记录）')}</p>
<h3>决定事项</h3><ol>${minutes.decisions.map((d) => `<li>${esc(d)}</li>`).join('')}</ol>
<h3>督办事项</h3><table><thead><tr><th>事项</th><th>责任单位</th><th>完成期限</th><th>状态</th><th>落实情况</th></tr></thead><tbody>${minutes.actionItems
        .map(
          (a) =>
            `<tr><td>${esc(a.description)}</td><td>${esc(a.owner)}</td><td>${esc(day(a.dueOn))}</td><td>${esc(a.status)}</td><td>${esc(a.followUp ?? '')}</td></tr>`,
        )
        .join('')}</tbody></table></section>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:"SimSun","Songti SC",serif;margin:2cm;color:#000}h1{text-align:center;font-size:20pt}
table{border-collapse:collapse;width:100%;margin:8pt 0}th,td{border:1px solid #000;padding:3pt 6pt;font-size:10.5pt}
th{background:#eee}td:not(:first-child){text-align:right}@media print{body{margin:0}h2{page-break-after:avoid}}</style></head>
<body><h1>${esc(title)}</h1>
<p>行政区划：${esc(region)}（${esc(r.regionCode)}）　统计期间：${esc(period(r.from, r.to))}　对比期间：${esc(period(r.previousFrom, r.previousTo))}</p>
${meeting}
${REPORT_PARTS.map((p) => counterTable(p.title, r.parts[p.field])).join('\n')}
<h2>质量指标</h2><table><thead><tr><th>指标</th><th>本期</th><th>上期</th></tr></thead><tbody>${qualityRatios(
    r,
  )
    .map((q) => `<tr><td>${esc(q.label)}</td><td>${esc(q.now)}</td><td>${esc(q.before)}</td></tr>`)
    .join('')}</tbody></table>
<p>说明：件数按案件（法律援助机构按当事人）计，人次按每人每次计；数据由各成员单位系统分别统计，不含个人信息。</p>
</body></html>
`;
}
