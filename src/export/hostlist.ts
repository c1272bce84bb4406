/**
 * Compresses names into a Slurm hostlist expression: node-0001..node-0032 -> node-[0001-0032].
 * Names that do not end in digits are listed as they are.
 */
export function hostlist(names: readonly string[]): string {
  const groups = new Map<string, { width: number; nums: number[] }>();
  const plain: string[] = [];
  for (const name of names) {
    const m = /^(.*?)(\d+)$/.exec(name);
    if (!m) {
      plain.push(name);
      continue;
    }
    const key = `${m[1]}|${m[2].length}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { width: m[2].length, nums: [] }));
    g.nums.push(Number(m[2]));
  }
  const parts: string[] = [...plain];
  for (const [key, g] of groups) {
    const prefix = key.slice(0, key.lastIndexOf('|'));
    const nums = [...new Set(g.nums)].sort((a, b) => a - b);
    const pad = (x: number) => String(x).padStart(g.width, '0');
    const ranges: string[] = [];
    for (let i = 0; i < nums.length; ) {
      let j = i;
      while (j + 1 < nums.length && nums[j + 1] === nums[j] + 1) j++;
      ranges.push(i === j ? pad(nums[i]) : `${pad(nums[i])}-${pad(nums[j])}`);
      i = j + 1;
    }
    parts.push(ranges.length === 1 && !ranges[0].includes('-') ? `${prefix}${ranges[0]}` : `${prefix}[${ranges.join(',')}]`);
  }
  return parts.join(',');
}

/** Expands a hostlist expression back into names (the inverse of hostlist, for tests and checks). */
export function expandHostlist(expr: string): string[] {
  const out: string[] = [];
  for (const part of expr.match(/[^,[]+(\[[^\]]*\])?[^,]*/g) ?? []) {
    const m = /^(.*)\[([^\]]*)\](.*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    for (const r of m[2].split(',')) {
      const [a, b] = r.split('-');
      const width = a.length;
      for (let x = Number(a); x <= Number(b ?? a); x++) out.push(`${m[1]}${String(x).padStart(width, '0')}${m[3]}`);
    }
  }
  return out;
}
