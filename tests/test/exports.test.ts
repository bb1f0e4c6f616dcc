import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, startTestFederation } from '../src/harness.js';

let f: Federation;
beforeAll(async () => {
  f = await startTestFederation();
});
afterAll(() => f?.stop());

/** Text a member could type into minutes: formulas, and fields that need quoting. */
const DANGEROUS = [
  '=HYPERLINK("http://evil.example/","点击查看")',
  '+86 138 0000 0000 联系值班律师',
  '-1 项未完成整改',
  '@SUM(1+1)',
  '＝全角等号开头',
];
const AWKWARD = ['越秀区, 天河区两单位联合自查', '第一行\n第二行', '他说"按期完成"', '回车\r之后'];

describe('report exports', () => {
  it('neutralise formulas and quote every field a spreadsheet would split, so the CSV reads back cell for cell', async () => {
    const admin = await f.tokenFor('justice-admin-440000');
    const convened = await f.query(
      `mutation { conveneJointMeeting(title: "2025年第一季度联席会议", heldOn: "2025-04-10", reportFrom: "2025-01-01", reportTo: "2025-03-31",
        participants: [{ agency: "广东省高级人民法院", people: ["张三"] }, { agency: "广东省司法厅", people: ["李四"] }], agenda: ["通报情况"]) { id } }`,
      { token: admin },
    );
    expect(convened.body.errors).toBeUndefined();
    const meetingId = convened.body.data.conveneJointMeeting.id;
    const minutes = await f.query(
      `mutation($m: ID!, $d: [String!]!) { recordMeetingMinutes(meetingId: $m, minutes: "会议纪要正文", decisions: $d) { decisions } }`,
      { token: admin, variables: { m: meetingId, d: [...DANGEROUS, ...AWKWARD] } },
    );
    expect(minutes.body.errors).toBeUndefined();
    const item = await f.query(
      `mutation($m: ID!) { addActionItem(meetingId: $m, description: "=1+1", ownerAgencyId: "court-440103", ownerAgencyName: "@越秀区人民法院", dueOn: "2025-04-30") { id } }`,
      { token: admin, variables: { m: meetingId } },
    );
    expect(item.body.errors).toBeUndefined();

    const res = await f.query(
      `{ jointMeetings(regionCode: "440000", first: 50) { edges { node { id export(format: CSV) { content } } } } }`,
      { token: admin },
    );
    expect(res.body.errors).toBeUndefined();
    const content: string = res.body.data.jointMeetings.edges.find((e: any) => e.node.id === meetingId).node
      .export.content;
    expect(content.startsWith('\uFEFF')).toBe(true);
    const rows: string[][] = parse(content.slice(1), { relax_column_count: true });
    const cells = rows.flat();

    // No cell a spreadsheet would evaluate: each formula-like text is kept, behind an apostrophe.
    for (const text of [...DANGEROUS, '=1+1', '@越秀区人民法院']) {
      expect(cells).toContain(`'${text}`);
      expect(cells).not.toContain(text);
    }
    expect(cells.filter((c) => /^[=+\-@\t\r＝＋－＠]/.test(c))).toEqual([]);
    // Commas, line breaks, carriage returns and quotes stay inside their one cell.
    for (const text of AWKWARD) expect(cells).toContain(text);
    expect(content).toContain('"他说""按期完成"""');
    expect(content).toContain('"回车\r之后"');
    // Figures stay plain numbers; a change reads as words, never a signed formula.
    expect(cells.some((c) => /^(增长|下降)\d+\.\d%$|^持平$|^新增$/.test(c))).toBe(true);
  });
});
