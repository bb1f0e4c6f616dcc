/**
 * A bounded map whose entries expire: verified tokens are kept until their own expiry so most
 * requests skip the signature check. Cleared whole when full (cheap, and safe: a miss re-verifies).
 */
export class ExpiringCache<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();

  constructor(private readonly maxEntries: number) {}

  get(key: K, now = Date.now()): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt > now) return hit.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: K, value: V, expiresAt: number): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, expiresAt });
  }

  /** Forgets everything, e.g. after a write that changes what the entries say. */
  clear(): void {
    this.entries.clear();
  }
}
