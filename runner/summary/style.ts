/** ANSI decoration for the text summary; every method is the identity when colors are off. */
export interface Style {
  ok(text: string): string;
  bad(text: string): string;
  value(text: string): string;
  faint(text: string): string;
  bold(text: string): string;
}

const wrap = (on: boolean, code: string) => (text: string): string => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

/** The summary's palette: green passes, red failures, cyan values, faint dots, bold titles. */
export function createStyle(enableColors: boolean): Style {
  return {
    ok: wrap(enableColors, "32"),
    bad: wrap(enableColors, "31"),
    value: wrap(enableColors, "36"),
    faint: wrap(enableColors, "2;37"),
    bold: wrap(enableColors, "1"),
  };
}
