// Brings the state up to the clock: every deadline that has passed takes effect at its own time,
// in time order, before a command reads anything. So after the clock moves, every read already
// shows the abandoned, auto-approved or expired state.
import type { Ctx } from "../context";
import { approve } from "./assignments";
import { expireHit } from "./hit-lookup";
import { end } from "./workers";

export function settle(ctx: Ctx): void {
  for (let due = ctx.store.nextDue(ctx.now); due; due = ctx.store.nextDue(ctx.now)) {
    if (due.kind === "expire") {
      expireHit(ctx, ctx.store.getHit(due.id)!, due.atMs);
      continue;
    }
    const assignment = ctx.store.getAssignment(due.id)!;
    const hit = ctx.store.getHit(assignment.hitId)!;
    if (due.kind === "abandon") end(ctx, assignment, hit, "Abandoned", due.atMs);
    else approve(ctx, assignment, hit, due.atMs);
  }
}
