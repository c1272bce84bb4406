/** Dotted paths into the scenario, as the validator names them (`fabric.maxOversubscription`). */
export type FieldPath = string;

export function getAt(root: unknown, path: FieldPath): unknown {
  let v: unknown = root;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** Returns a copy of root with the value at path replaced; undefined removes the key. */
export function setAt<T>(root: T, path: FieldPath, value: unknown): T {
  const keys = path.split('.');
  const copy = (node: unknown, i: number): unknown => {
    const obj = { ...((node ?? {}) as Record<string, unknown>) };
    const key = keys[i];
    if (i === keys.length - 1) {
      if (value === undefined) delete obj[key];
      else obj[key] = value;
    } else {
      obj[key] = copy(obj[key], i + 1);
    }
    return obj;
  };
  return copy(root, 0) as T;
}

/** Whether a validator problem at problemPath belongs to the field at path (itself or inside it). */
export const problemBelongsTo = (problemPath: string, path: FieldPath) =>
  problemPath === path || problemPath.startsWith(path + '.') || problemPath.startsWith(path + '[');
