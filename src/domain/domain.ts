import type { Clock } from "./clock";
import type { Ctx, RequesterCtx } from "./context";
import { settle } from "./commands/settle";
import type { Account } from "./records";
import type { Store } from "./store";

/**
 * The entry point every front end calls: each command runs in one transaction, at one instant
 * of the emulator clock, after every deadline up to that instant has taken effect.
 */
export class Domain {
  constructor(
    readonly store: Store,
    readonly clock: Clock,
  ) {}

  run<T>(command: (ctx: Ctx) => T): T {
    return this.store.transaction(() => {
      const ctx: Ctx = { store: this.store, now: this.clock.now() };
      settle(ctx);
      return command(ctx);
    });
  }

  asRequester<T>(requester: Account, command: (ctx: RequesterCtx) => T): T {
    return this.run((ctx) => command({ ...ctx, requester }));
  }
}
