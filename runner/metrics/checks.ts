import { createHash } from "node:crypto";
import type { MetricRegistry } from "./registry.ts";
import type { Sample, Tags } from "./types.ts";

/** One check's tally, as k6's summary `root_group.checks[]` entry. */
export interface CheckResult {
  name: string;
  path: string;
  id: string;
  passes: number;
  fails: number;
}

/** A node of k6's legacy group tree (`root_group`). */
export interface GroupResult {
  name: string;
  path: string;
  id: string;
  groups: GroupResult[];
  checks: CheckResult[];
}

/** k6's group and check ids: the hex MD5 of the path. */
const md5 = (text: string): string => createHash("md5").update(text).digest("hex");

const newGroup = (name: string, path: string): GroupResult => ({ name, path, id: md5(path), groups: [], checks: [] });

/**
 * Tallies checks per group the way k6's group summary does: from the `checks` samples
 * (tag `check`) and `group_duration` samples, placed by their `group` tag (`::a::b`).
 * A sample without a `group` tag counts in the root group.
 */
export class CheckTracker {
  private readonly root = newGroup("", "");

  constructor(private readonly registry: MetricRegistry) {
    registry.onSample((s) => this.observe(s), ["checks", "group_duration"]);
  }

  /** Records one check outcome: a `checks` sample of 1 or 0 tagged `check=name`. */
  record(name: string, ok: boolean, tags: Tags): void {
    this.registry.add("checks", ok ? 1 : 0, { ...tags, check: name });
  }

  /** Every check, depth-first in first-seen order. */
  list(): CheckResult[] {
    const out: CheckResult[] = [];
    const walk = (g: GroupResult): void => {
      out.push(...g.checks.map((c) => ({ ...c })));
      g.groups.forEach(walk);
    };
    walk(this.root);
    return out;
  }

  /** A deep copy of the group tree for the summary's `root_group`. */
  rootGroup(): GroupResult {
    return structuredClone(this.root);
  }

  private observe(s: Sample): void {
    if (s.metric !== "checks" && s.metric !== "group_duration") return;
    let group = this.root;
    for (const name of (s.tags.group ?? "").split("::").slice(1)) {
      let child = group.groups.find((g) => g.name === name);
      if (!child) group.groups.push((child = newGroup(name, `${group.path}::${name}`)));
      group = child;
    }
    const checkName = s.tags.check;
    if (s.metric !== "checks" || checkName === undefined) return;
    let check = group.checks.find((c) => c.name === checkName);
    if (!check) {
      const path = `${group.path}::${checkName}`;
      group.checks.push((check = { name: checkName, path, id: md5(path), passes: 0, fails: 0 }));
    }
    if (s.value === 0) check.fails++;
    else check.passes++;
  }
}
