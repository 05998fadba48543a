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

  /** Records one check outcome: a `checks` sample of 1 or 0 tagged `check=name` (`tags` may carry it already). */
  record(name: string, ok: boolean, tags: Tags): void {
    this.registry.add("checks", ok ? 1 : 0, tags.check === name ? tags : { ...tags, check: name });
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

  /** Where a sample of group `path` and check `name` is counted: found once, then by key. */
  private readonly tallies = new Map<string, { group: GroupResult; check: CheckResult | undefined }>();

  private observe(s: Sample): void {
    if (s.metric !== "checks" && s.metric !== "group_duration") return;
    const path = s.tags.group ?? "", checkName = s.metric === "checks" ? s.tags.check : undefined;
    const key = checkName === undefined ? path : `${path}\u0000${checkName}`;
    let tally = this.tallies.get(key);
    if (!tally) this.tallies.set(key, (tally = this.place(path, checkName)));
    if (!tally.check) return;
    if (s.value === 0) tally.check.fails++;
    else tally.check.passes++;
  }

  /** The group of `path` (created with its parents) and its check `name` (created). */
  private place(path: string, name: string | undefined): { group: GroupResult; check: CheckResult | undefined } {
    let group = this.root;
    for (const part of path.split("::").slice(1)) {
      let child = group.groups.find((g) => g.name === part);
      if (!child) group.groups.push((child = newGroup(part, `${group.path}::${part}`)));
      group = child;
    }
    if (name === undefined) return { group, check: undefined };
    let check = group.checks.find((c) => c.name === name);
    if (!check) {
      const checkPath = `${group.path}::${name}`;
      group.checks.push((check = { name, path: checkPath, id: md5(checkPath), passes: 0, fails: 0 }));
    }
    return { group, check };
  }
}
