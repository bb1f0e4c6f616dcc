import { type Principal, type SubgraphName, signServiceToken } from '@duty/kit';
import { findDemoUser } from '@duty/kit/demo';
import { type Federation, postGraphQL } from '../src/harness.js';
import { median } from './stats.js';
import { reportWorkload, type WorkloadData } from './workloads.js';

const PARTS: Record<string, string> = {
  justice: 'justice',
  court: 'court',
  procuratorate: 'procuratorate',
  'public-security': 'publicSecurity',
};

/**
 * The joint-meeting report as a member asks for it, one at a time: p50 through the gateway, and
 * each agency's part asked from its subgraph directly (where the time goes), with SQL per report.
 */
export async function benchReportOnce(f: Federation, d: WorkloadData['report'], n: number) {
  const w = reportWorkload(d);
  const token = await f.tokenFor(d.user);
  const once = async () => {
    const res = await f.query(w.query, { token, variables: w.variables });
    if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
    w.check(res.body.data);
  };
  await once();
  const statements = () =>
    Object.fromEntries(Object.entries(f.subgraphs).map(([s, sub]) => [s, sub.database.statements]));
  const before = statements();
  const ms: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t0 = performance.now();
    await once();
    ms.push(performance.now() - t0);
  }
  const after = statements();
  const principal = (typeof d.user === 'string' ? findDemoUser(d.user) : d.user) as Principal;
  const representation = {
    __typename: 'JointMeetingReport',
    regionCode: d.regionCode,
    from: d.from,
    to: d.to,
  };
  const directP50: Record<string, number> = {};
  for (const [subgraph, field] of Object.entries(PARTS)) {
    const headers = {
      authorization: `Bearer ${await signServiceToken(f.signingKey, principal, subgraph as SubgraphName)}`,
    };
    const body = {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on JointMeetingReport { ${field} { key cases personTimes } } } }`,
      variables: { r: [representation] },
    };
    const parts: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const t0 = performance.now();
      const res = await postGraphQL(f.subgraphs[subgraph]!.graphqlUrl, body, headers);
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
      parts.push(performance.now() - t0);
    }
    directP50[subgraph] = median(parts);
  }
  return {
    requests: n,
    p50: median(ms),
    directP50,
    sqlPerReport: Object.fromEntries(Object.keys(after).map((s) => [s, (after[s]! - before[s]!) / n])),
  };
}
