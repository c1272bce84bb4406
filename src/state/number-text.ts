/**
 * Reads what a user typed into a number field. Digit-group separators are accepted ("1,024",
 * "65_536"); anything else that is not a number is passed through as text so the schema reports it
 * with its usual message ("must be a number, got a string ("abc")").
 */
export function readNumberText(text: string, optional: boolean): number | string | undefined {
  const t = text.trim();
  if (t === '') return optional ? undefined : '';
  const plain = t.replace(/(?<=\d)[,_ ](?=\d{3}\b)/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(plain)) return text;
  return Number(plain);
}

/** Parses an oversubscription such as "2:1", "1.5", "3 : 1" into the ratio's first term. */
export function readRatioText(text: string): number | string {
  const m = /^\s*([0-9]*\.?[0-9]+)\s*(?::\s*1\s*)?$/.exec(text);
  return m ? Number(m[1]) : text;
}
