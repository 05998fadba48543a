import type { Tags } from "../../metrics/registry.ts";
import type { RoundTrip } from "./dispatch.ts";

/** The tags a request adds to the VU's; frozen and shared when the script passes none. */
export const NO_TAGS: Tags = Object.freeze({});

function sameTags(a: Tags, b: Tags): boolean {
  if (a === b) return true;
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k] || !Object.hasOwn(b, k)) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

/**
 * One VU's last hop tag set (k6's system tags on top of the VU's). A VU that repeats the same
 * request gets the same frozen object back: its samples share one tag set, nothing is spread
 * per request, and the registry's submetric match cache (keyed by identity) hits.
 */
export class HopTags {
  private tags: Tags | undefined;
  private base: Tags = NO_TAGS;
  private user: Tags = NO_TAGS;
  private method = "";
  private url = "";
  private status = -1;
  private proto = "";
  private error: RoundTrip["error"];
  private expected: boolean | undefined;

  get(base: Tags, user: Tags, method: string, tagUrl: string, trip: RoundTrip, expected: boolean | undefined): Tags {
    if (this.tags && this.base === base && this.method === method && this.url === tagUrl && this.status === trip.status
      && this.proto === trip.proto && this.error === undefined && trip.error === undefined && this.expected === expected && sameTags(this.user, user)) {
      return this.tags;
    }
    const name = user.name ?? tagUrl;
    // Built in one go (no deletes): tag objects stay fast for the metrics engine.
    const tags: Tags = { ...base, ...user, method, url: user.name !== undefined ? name : tagUrl, name, status: String(trip.status) };
    if (trip.proto) tags.proto = trip.proto;
    if (trip.error) {
      tags.error = trip.error.message;
      tags.error_code = String(trip.error.code);
    } else if (trip.status >= 400) tags.error_code = String(1000 + trip.status);
    if (expected !== undefined) tags.expected_response = String(expected);
    Object.assign(this, { base, user, method, url: tagUrl, status: trip.status, proto: trip.proto, error: trip.error, expected });
    return (this.tags = Object.freeze(tags));
  }
}
