import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/** A second process opened the same embedded database folder. */
export class DatabaseLockedError extends Error {}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, owned by another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * PGlite is single-writer: two processes on one data folder would both migrate and both run an
 * outbox relay. The first takes `<dataDir>.lock` (its pid inside, created exclusively); another is
 * refused at once. A lock whose process is gone (killed) is taken over. Returns the release.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(readFileSync(path, 'utf8').trim());
    if (Number.isInteger(owner) && owner > 0 && alive(owner))
      throw new DatabaseLockedError(
        `嵌入式数据库 ${dataDir} 正由进程 ${owner}${owner === process.pid ? '（本进程）' : ''} 使用，只能由一个进程打开：` +
          `请先停止该进程，或用另一个 DUTY_DATA_DIR 启动 (embedded database in use by pid ${owner})`,
      );
    rmSync(path, { force: true });
  }
  throw new DatabaseLockedError(`无法锁定嵌入式数据库 ${dataDir}：请重试`);
}
