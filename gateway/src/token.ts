// `pnpm mint-token <demo-user-id>` prints a development token for a demo user;
// `pnpm mint-token --role COURT_STAFF --agency court-110105 --agency-kind COURT --region 110105 [--lawyer id] [--user id]`
// prints one for any principal; `pnpm mint-token --list` lists the demo users.
import { parseArgs } from 'node:util';
import { isAgencyKind, isKnownRegionCode, isRole, type Principal } from '@duty/kit';
import { demoUsers, findDemoUser } from '@duty/kit/demo';
import { mintDevToken } from './auth.js';
import { devIssuerKey } from './config.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    list: { type: 'boolean' },
    role: { type: 'string', multiple: true },
    agency: { type: 'string' },
    'agency-kind': { type: 'string' },
    region: { type: 'string' },
    lawyer: { type: 'string' },
    user: { type: 'string' },
    ttl: { type: 'string', default: '12h' },
  },
});

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

if (values.list) {
  for (const u of demoUsers()) process.stdout.write(`${u.userId.padEnd(34)} ${u.label}\n`);
  process.exit(0);
}

let principal: Principal;
if (positionals[0]) {
  principal = findDemoUser(positionals[0]) ?? fail(`未知的演示用户：${positionals[0]}（用 --list 查看）`);
} else {
  const roles = values.role ?? [];
  const kind = values['agency-kind'];
  if (!roles.length || !roles.every(isRole)) fail('--role 须为 DOMAIN.md 中的角色，如 COURT_STAFF');
  if (!isAgencyKind(kind)) fail('--agency-kind 须为 COURT、PROCURATORATE、LEGAL_AID_AGENCY 等');
  if (!values.agency) fail('缺少 --agency（机构编号）');
  if (!values.region || !isKnownRegionCode(values.region)) fail('--region 须为有效的六位行政区划代码');
  principal = {
    userId: values.user ?? `${roles[0]?.toLowerCase()}-${values.agency}`,
    agencyId: values.agency,
    agencyKind: kind,
    regionCode: values.region,
    roles: roles.filter(isRole),
    ...(values.lawyer ? { lawyerId: values.lawyer } : {}),
  };
}
process.stdout.write(`${await mintDevToken(await devIssuerKey(), principal, values.ttl)}\n`);
