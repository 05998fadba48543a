// XML 1.0 text for junit.xml: engine output carries ANSI colour codes and other control
// characters that XML 1.0 forbids outright (even escaped), so they are removed, not escaped.

// ESC [ ... final byte: colour and cursor sequences.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
// Everything XML 1.0 does not allow: C0 controls except tab, LF, CR; U+FFFE, U+FFFF; lone surrogates.
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` made safe for XML character data and attribute values (double-quoted). */
export function escapeXml(text: string): string {
  return text
    .replace(ANSI, "")
    .replace(FORBIDDEN, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

/** `<name a="1">` / `<name a="1"/>`: attributes escaped, undefined ones left out. */
export function tag(name: string, attrs: Record<string, string | number | undefined>, selfClosing = false): string {
  const text = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join("");
  return `<${name}${text}${selfClosing ? "/" : ""}>`;
}
