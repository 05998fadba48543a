/** A request URL and the strings the per-request path derives from it, computed once. */
export interface Target {
  readonly url: URL;
  readonly href: string;
  /** `scheme://host:port` for undici's dispatch. */
  readonly origin: string;
  /** Path and query as sent. */
  readonly path: string;
  /** k6's `url` tag: the URL without its user info. */
  readonly tagUrl: string;
}

function parse(url: URL): Target {
  let tagUrl = url.href;
  if (url.username || url.password) {
    const c = new URL(url.href);
    c.username = "";
    c.password = "";
    tagUrl = c.href;
  }
  return {
    url, href: url.href, origin: url.origin, path: url.pathname + url.search,
    tagUrl,
  };
}

// Scripts usually request a handful of URLs over and over: parsing each once saves a URL
// parse and four getters per request. Bounded so that unique URLs cannot grow it forever.
const cache = new Map<string, Target>();
const CACHE_LIMIT = 1000;

/** The Target for an absolute URL text; throws as `new URL` does. */
export function targetOf(text: string): Target {
  let t = cache.get(text);
  if (t === undefined) {
    t = parse(new URL(text));
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, t);
  }
  return t;
}

/** The Target of a redirect `location` relative to `base` (not cached: rare). */
export function redirectTarget(location: string, base: Target): Target {
  return parse(new URL(location, base.url));
}
