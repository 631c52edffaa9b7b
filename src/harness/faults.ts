// Fault injection: rules that make matching calls fail or slow down, so clients' retry logic can be tested.

export type FaultEffect = "throttle" | "serviceFault" | "unavailable" | "latency";

export interface FaultRuleInput {
  /** "json", "legacy", … or absent for any. */
  protocol?: string;
  operation?: string;
  accessKeyId?: string;
  effect: FaultEffect;
  /** For "latency": how long to hold the call before answering normally. */
  latencyMs?: number;
  /** Fire for the next N matching calls only. */
  count?: number;
  /** Fire with this probability (0–1) on each matching call. */
  probability?: number;
  /** Seed for the probability draws, so a run can be repeated exactly. */
  seed?: number;
}

export interface FaultRule extends FaultRuleInput {
  id: string;
  /** How many calls this rule has affected. */
  fired: number;
}

export interface Call {
  protocol: string;
  operation: string;
  accessKeyId?: string;
}

export class Faults {
  private rules: Array<FaultRule & { random: () => number }> = [];
  private nextId = 1;

  add(input: FaultRuleInput): FaultRule {
    const rule = { ...input, id: `fault-${this.nextId++}`, fired: 0, random: mulberry32(input.seed ?? Date.now()) };
    this.rules.push(rule);
    return this.view(rule);
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => this.view(rule));
  }

  clear(): void {
    this.rules = [];
  }

  /** The rule that fires for this call, if any; spent count-limited rules are dropped. */
  match(call: Call): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.protocol !== undefined && rule.protocol !== call.protocol) continue;
      if (rule.operation !== undefined && rule.operation !== call.operation) continue;
      if (rule.accessKeyId !== undefined && rule.accessKeyId !== call.accessKeyId) continue;
      if (rule.probability !== undefined && rule.random() >= rule.probability) continue;
      rule.fired++;
      if (rule.count !== undefined && rule.fired >= rule.count) this.rules = this.rules.filter((r) => r !== rule);
      return this.view(rule);
    }
    return undefined;
  }

  private view({ random: _random, ...rule }: FaultRule & { random: () => number }): FaultRule {
    return { ...rule };
  }
}

/** How a front end answers each failing effect, in its own wire format. */
export type FaultErrors = Record<Exclude<FaultEffect, "latency">, () => Error>;

/** Holds the call for a latency fault; throws the front end's error for the others. */
export async function applyFault(fault: FaultRule, errors: FaultErrors): Promise<void> {
  if (fault.effect === "latency") {
    await new Promise((resolve) => setTimeout(resolve, fault.latencyMs ?? 1000));
    return;
  }
  throw errors[fault.effect]();
}

/** A small seedable PRNG: repeatable fault patterns need repeatable draws. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
