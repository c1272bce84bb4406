import { z } from 'zod';

/** Largest cluster the tool accepts: 4 Mi GPUs, well past any announced build. */
export const MAX_GPUS = 4_194_304;

/**
 * Where a part comes from: three places it can be bought from, and `owned` — parts the user already
 * has, offered from an inventory (src/model/inventory.ts) at their residual value.
 */
export const SOURCES = ['oem-new', 'oem-refurbished', 'compatible-new', 'owned'] as const;
export const Source = z.enum(SOURCES);
export type Source = z.infer<typeof Source>;

export const TECHNOLOGIES = ['infiniband', 'ethernet'] as const;
export const Technology = z.enum(TECHNOLOGIES);
export type Technology = z.infer<typeof Technology>;

export const FAMILIES = ['fat-tree', 'rail-optimized', 'rail-only'] as const;
export const Family = z.enum(FAMILIES);
export type Family = z.infer<typeof Family>;

export const PART_CATEGORIES = ['switch', 'optic', 'cable'] as const;
export const PartCategory = z.enum(PART_CATEGORIES);
export type PartCategory = z.infer<typeof PartCategory>;

/** Identifiers are what JSON files and CSV rows refer to each other by. */
export const Id = z
  .string()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._+:/-]*$/, 'must be letters, digits and . _ + : / - only');

export const NonNegativeMoney = z
  .number()
  .finite()
  .min(0, 'must not be negative')
  .max(1e9, 'must be at most 1,000,000,000 per unit');

export const Notes = z.string().max(2000, 'must be at most 2,000 characters');
