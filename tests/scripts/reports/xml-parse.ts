// A strict little XML 1.0 reader for tests: enough to prove junit.xml is well-formed (one root,
// balanced tags, quoted unique attributes, known entities, no forbidden characters) and to read
// it back as a tree. It throws on the first problem, naming the offset.

/** An element read back. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;

function decode(text: string, at: number): string {
  return text.replace(/&([^;]*);|&/g, (_whole, ent: string | undefined) => {
    if (ent === undefined) throw new Error(`bare & near offset ${at}`);
    if (ent.startsWith("#x")) return String.fromCodePoint(parseInt(ent.slice(2), 16));
    if (ent.startsWith("#")) return String.fromCodePoint(parseInt(ent.slice(1), 10));
    const v = ENTITIES[ent];
    if (v === undefined) throw new Error(`unknown entity &${ent}; near offset ${at}`);
    return v;
  });
}

/** Parses `xml`; throws when it is not well-formed. Whitespace-only text between tags is dropped. */
export function parseXml(xml: string): XmlElement {
  const bad = xml.search(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  if (bad >= 0) throw new Error(`forbidden character U+${xml.charCodeAt(bad).toString(16)} at offset ${bad}`);
  let i = 0;
  if (xml.startsWith("<?xml")) {
    i = xml.indexOf("?>");
    if (i < 0) throw new Error("unterminated XML declaration");
    i += 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.includes(">")) throw new Error(`stray > near offset ${i}`);
    if (text.trim() !== "") {
      const parent = stack.at(-1);
      if (!parent) throw new Error(`text outside the root element at offset ${i}`);
      parent.children.push(decode(text, i));
    }
    if (lt < 0) break;
    const gt = xml.indexOf(">", lt);
    if (gt < 0) throw new Error(`unterminated tag at offset ${lt}`);
    let body = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (body.startsWith("/")) {
      const open = stack.pop();
      if (!open || open.name !== body.slice(1).trim()) throw new Error(`</${body.slice(1)}> does not close <${open?.name}> at offset ${lt}`);
      if (stack.length === 0) root = open;
      continue;
    }
    const selfClosing = body.endsWith("/");
    if (selfClosing) body = body.slice(0, -1);
    const name = NAME.exec(body)?.[0];
    if (!name) throw new Error(`bad tag name at offset ${lt}`);
    if (root || (stack.length === 0 && xml.slice(0, lt).includes("</"))) throw new Error(`second root element at offset ${lt}`);
    const el: XmlElement = { name, attrs: {}, children: [] };
    let rest = body.slice(name.length);
    while (rest.trim() !== "") {
      const m = /^\s+([A-Za-z_:][-A-Za-z0-9_:.]*)="([^"<]*)"/.exec(rest);
      if (!m || m[1] === undefined || m[2] === undefined) throw new Error(`bad attribute in <${name}> at offset ${lt}: ${rest.slice(0, 40)}`);
      if (m[1] in el.attrs) throw new Error(`duplicate attribute ${m[1]} in <${name}>`);
      el.attrs[m[1]] = decode(m[2], lt);
      rest = rest.slice(m[0].length);
    }
    stack.at(-1)?.children.push(el);
    if (selfClosing) {
      if (stack.length === 0) root = el;
    } else stack.push(el);
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)?.name}> is never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

/** Child elements named `name`. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== "string" && c.name === name);
}

/** The element's text content (direct text children joined). */
export function textOf(el: XmlElement): string {
  return el.children.filter((c): c is string => typeof c === "string").join("");
}
