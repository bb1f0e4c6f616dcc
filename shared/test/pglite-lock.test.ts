import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db.js';

const root = mkdtempSync(join(tmpdir(), 'duty-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the embedded database is single-writer', () => {
  it('refuses a second opening of the same folder at once, and frees it on close', async () => {
    const dataDir = join(root, 'court');
    const first = await openDatabase({ name: 'court', dataDir });
    await expect(openDatabase({ name: 'court', dataDir })).rejects.toThrow(
      new RegExp(`嵌入式数据库 ${dataDir} 正由进程 ${process.pid}（本进程） 使用`),
    );
    await first.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const again = await openDatabase({ name: 'court', dataDir });
    await again.close();
  });

  it('refuses while another live process holds the folder', async () => {
    const dataDir = join(root, 'justice');
    // The parent of this test process is alive for as long as the test runs.
    writeFileSync(`${dataDir}.lock`, String(process.ppid));
    await expect(openDatabase({ name: 'justice', dataDir })).rejects.toThrow(`正由进程 ${process.ppid} 使用`);
  });

  it('takes over the lock of a process that was killed', async () => {
    const dataDir = join(root, 'procuratorate');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(`${dataDir}.lock`, gone.stdout.toString());
    const db = await openDatabase({ name: 'procuratorate', dataDir });
    await db.ping();
    await db.close();
  });
});
