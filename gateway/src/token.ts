// `pnpm mint-token <demo-user-id>` prints a development token for a demo user;
// `pnpm mint-token --role COURT_STAFF --agency court-110105 --agency-kind COURT --region 110105 [--lawyer id] [--user id]`
// prints one for any principal; `pnpm mint-token --list` lists the demo users.
// It signs with the dev issuer key of the running system (DUTY_DATA_DIR) and never makes one: a
// token the gateway would reject is refused here, with what to do instead.
import { parseArgs } from 'node:util';
import { isAgencyKind, isKnownRegionCode, isRole, keysDir, loadSigningKey, type Principal } from '@duty/kit';
import { demoUsers, findDemoUser } from '@duty/kit/demo';
import type { JWK } from 'jose';
import { request } from 'undici';
import { mintDevToken } from './auth.js';
import { gatewayUrl } from './config.js';

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
const key =
  (await loadSigningKey(keysDir(), 'dev-issuer')) ??
  fail(
    `在 ${keysDir()} 中没有开发签发密钥：请先用 pnpm start 启动系统，或把 DUTY_DATA_DIR 设为运行中系统的数据目录`,
  );

/** What the running gateway trusts: its dev issuer's keys, null when it has none, undefined when it is not up. */
async function trustedByGateway(url: string): Promise<JWK[] | null | undefined> {
  try {
    const res = await request(new URL('/dev/issuer', url), { signal: AbortSignal.timeout(2000) });
    if (res.statusCode === 404) {
      await res.body.dump();
      return null;
    }
    return ((await res.body.json()) as { keys: JWK[] }).keys;
  } catch {
    return undefined;
  }
}

const url = gatewayUrl();
const trusted = await trustedByGateway(url);
if (trusted === null) fail(`运行在 ${url} 的网关不接受开发令牌（生产模式，或未设 DUTY_DEV_ISSUER=1）`);
if (trusted && !trusted.some((k) => k.x === key.publicJwk.x && k.y === key.publicJwk.y))
  fail(
    `运行在 ${url} 的网关使用另一把开发签发密钥，会拒绝这个令牌：请把 DUTY_DATA_DIR 设为它的数据目录（当前为 ${keysDir()}）`,
  );
if (!trusted) process.stderr.write(`提示：${url} 上没有运行中的网关；令牌由 ${keysDir()} 中的密钥签发\n`);
process.stdout.write(`${await mintDevToken(key, principal, values.ttl)}\n`);
