import type { Logger } from './logger.js';
import type { Principal } from './principal.js';

/** What every subgraph resolver can rely on; a subgraph adds its own fields (its database). */
export interface KitContext {
  /** The caller, or null for the anonymous public. */
  principal: Principal | null;
  requestId: string;
  log: Logger;
  /** Who sent the request to this subgraph: `duty-gateway`, or `subgraph:<name>` for a peer. */
  via?: string;
}
