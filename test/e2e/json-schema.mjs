// A small JSON Schema (2020-12) checker for the keywords Railyard's generated schemas use. An
// unknown keyword is an error, so a schema that grows new rules cannot pass unchecked.
const ANNOTATIONS = new Set(['$id', '$schema', 'title', 'description', 'default', 'examples', '$comment']);

const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
const isType = (v, t) => (t === 'number' ? typeof v === 'number' && Number.isFinite(v) : t === 'integer' ? Number.isInteger(v) : typeOf(v) === t);

/** Returns the problems of value against schema as "path: rule" strings (empty when valid). */
export function validateJsonSchema(schema, value, path = '$', out = []) {
  if (schema === true) return out;
  if (schema === false) { out.push(`${path}: no value allowed`); return out; }
  for (const [k, rule] of Object.entries(schema)) {
    if (ANNOTATIONS.has(k)) continue;
    switch (k) {
      case 'type': {
        const types = Array.isArray(rule) ? rule : [rule];
        if (!types.some((t) => isType(value, t))) out.push(`${path}: must be ${types.join(' or ')}, got ${typeOf(value)}`);
        break;
      }
      case 'enum': if (!rule.some((e) => JSON.stringify(e) === JSON.stringify(value))) out.push(`${path}: must be one of ${JSON.stringify(rule)}`); break;
      case 'const': if (JSON.stringify(rule) !== JSON.stringify(value)) out.push(`${path}: must be ${JSON.stringify(rule)}`); break;
      case 'minimum': if (typeof value === 'number' && value < rule) out.push(`${path}: must be >= ${rule}`); break;
      case 'maximum': if (typeof value === 'number' && value > rule) out.push(`${path}: must be <= ${rule}`); break;
      case 'exclusiveMinimum': if (typeof value === 'number' && value <= rule) out.push(`${path}: must be > ${rule}`); break;
      case 'exclusiveMaximum': if (typeof value === 'number' && value >= rule) out.push(`${path}: must be < ${rule}`); break;
      case 'minLength': if (typeof value === 'string' && [...value].length < rule) out.push(`${path}: must have at least ${rule} characters`); break;
      case 'maxLength': if (typeof value === 'string' && [...value].length > rule) out.push(`${path}: must have at most ${rule} characters`); break;
      case 'pattern': if (typeof value === 'string' && !new RegExp(rule, 'u').test(value)) out.push(`${path}: must match ${rule}`); break;
      case 'minItems': if (Array.isArray(value) && value.length < rule) out.push(`${path}: must have at least ${rule} items`); break;
      case 'maxItems': if (Array.isArray(value) && value.length > rule) out.push(`${path}: must have at most ${rule} items`); break;
      case 'items': if (Array.isArray(value)) value.forEach((v, i) => validateJsonSchema(rule, v, `${path}[${i}]`, out)); break;
      case 'required':
        if (typeOf(value) === 'object') for (const key of rule) if (!(key in value)) out.push(`${path}.${key}: is required`);
        break;
      case 'properties':
        if (typeOf(value) === 'object') for (const [key, sub] of Object.entries(rule)) if (key in value) validateJsonSchema(sub, value[key], `${path}.${key}`, out);
        break;
      case 'additionalProperties':
        if (typeOf(value) === 'object') {
          const known = new Set(Object.keys(schema.properties ?? {}));
          for (const key of Object.keys(value)) if (!known.has(key)) {
            if (rule === false) out.push(`${path}.${key}: is not allowed`);
            else validateJsonSchema(rule, value[key], `${path}.${key}`, out);
          }
        }
        break;
      case 'anyOf': case 'oneOf': {
        const passing = rule.filter((sub) => validateJsonSchema(sub, value, path, []).length === 0).length;
        if (k === 'anyOf' ? passing === 0 : passing !== 1) out.push(`${path}: must match ${k === 'anyOf' ? 'at least one' : 'exactly one'} of ${rule.length} schemas`);
        break;
      }
      default: throw new Error(`json-schema.mjs does not support the keyword "${k}" (at ${path})`);
    }
  }
  return out;
}
