// The one description of the memory shared by the encoder (src/engine/encode.ts) and the kernel
// (assembly/index.ts). Both import this file; the kernel reports LAYOUT_VERSION and the encoder
// refuses to run against a kernel built from a different layout. Plain numeric constants only, so
// the file is valid TypeScript and valid AssemblyScript (integer literals become i32).
//
// The input is one block: an i32 section of `H_INT_COUNT` header words followed by tables, then
// (8-byte aligned) an f64 section of `F_COUNT` header words followed by tables. Offsets stored in
// the header are indexes into the section they point into (i32 words or f64 words).

export const LAYOUT_VERSION = 11;

// ---- i32 header -------------------------------------------------------------------------------
export const H_VERSION = 0;
export const H_NODES = 1;
export const H_RAILS = 2;
/** Bit f set when FAMILIES[f] is allowed. */
export const H_FAMILY_MASK = 3;
export const H_MAX_TIERS = 4;
export const H_TOP_K = 5;
/** 1 when the objective is TCO (capex + energy), 0 for capex. */
export const H_MINIMIZE_TCO = 6;
export const H_HAS_MAX_POWER = 7;
export const H_VARIANT_COUNT = 8;
/** Variant records, VARIANT_STRIDE words each. */
export const H_VARIANTS = 9;
export const H_OPTION_COUNT = 10;
/** Switch option records, OPTION_STRIDE words each (ctx.switchOptions order). */
export const H_OPTIONS = 11;
export const H_SKU_COUNT = 12;
/** SKU records, SKU_STRIDE words each (ctx.skus order). */
export const H_SKUS = 13;
export const H_CAGE_COUNT = 14;
/** Largest leaf group size with media tables (n = 1 .. H_N_MAX). */
export const H_N_MAX = 15;
/** Node-leaf media index: [variant][cage][n-1] -> (f64 start, entries, or MEDIA_NONE / MEDIA_UNCONFIRMED_ONLY when no recipe reaches). */
export const H_NODE_LEAF_INDEX = 16;
/**
 * Leaf-spine media index: [uplink class][cage][n-1] (an uplink class is a technology and speed of
 * switch links, see H_LINKS), entries are (runs per group entry, sku, linksPerUnit) triples.
 */
export const H_LEAF_SPINE_INDEX = 17;
/** Spine-core media index: [uplink class][cage] -> (f64 start, entries or -1); entries are (sku, linksPerUnit). */
export const H_SPINE_CORE_INDEX = 18;
export const H_BRANCH_COUNT = 19;
/** Branch records, BRANCH_STRIDE words each, in enumeration order. */
export const H_BRANCHES = 20;
/** Most Pareto points one shard may hold. */
export const H_PARETO_CAP = 21;
/** fabric.minSpinesPerPlane: fewest spines per plane (2 tiers; per rail for rail-only) or per pod (3 tiers). */
export const H_MIN_SPINES = 22;
/** fabric.minUplinkSwitches: fewest distinct upper switches a leaf (and at 3 tiers a spine) reaches. */
export const H_MIN_UPLINK_SWITCHES = 23;
/**
 * fabric.pin values the kernel checks per design (-1 when not pinned); the encoder applies the
 * others (family, technology, planes, tiers, group size, leaf switch, down ports and count) to
 * the branches, and the spine and core switch pins to OPTION_PIN_MASK.
 */
export const H_PIN_LEAF_UP = 24;
export const H_PIN_SPINE_DOWN = 25;
export const H_PIN_SPINE_UP = 26;
export const H_PIN_SPINE_COUNT = 27;
export const H_PIN_CORE_DOWN = 28;
export const H_PIN_CORE_COUNT = 29;
export const H_LINK_COUNT = 30;
/**
 * Uplink classes, LINK_STRIDE words each: the (technology, speed) of switch links some leaf's up
 * ports (or a 3-tier spine's split up ports) run at, with the single-mode options (global indexes) a
 * 2-tier spine or a core above it may be, and the options a 3-tier spine above it may be (those and
 * the cage splits whose down mode runs at that speed).
 */
export const H_LINKS = 31;
export const H_INT_COUNT = 32;

// ---- f64 header -------------------------------------------------------------------------------
/** The per-tier cap: min(maxOversubscription, end-to-end cap). */
export const F_MAX_OVERSUBSCRIPTION = 0;
export const F_PUE = 1;
export const F_YEARS = 2;
export const F_PRICE_PER_KWH = 3;
/** objective.maxPowerW * 1000, as the reference computes it. */
export const F_MAX_POWER_MW = 4;
/** fabric.maxEndToEndOversubscription (defaults to maxOversubscription). */
export const F_MAX_END_TO_END = 5;
export const F_COUNT = 6;

// ---- records ----------------------------------------------------------------------------------
export const VARIANT_TECH = 0;
export const VARIANT_PLANES = 1;
/** i32 index of the variant's leaf option list (global option indexes; single modes and cage splits at its speed). */
export const VARIANT_OPTIONS_START = 2;
export const VARIANT_OPTIONS_COUNT = 3;
export const VARIANT_STRIDE = 4;

export const OPTION_SWITCH_INDEX = 0;
export const OPTION_MODE_INDEX = 1;
export const OPTION_RADIX = 2;
export const OPTION_PORTS_PER_CAGE = 3;
export const OPTION_CAGES = 4;
export const OPTION_SKU = 5;
export const OPTION_CAGE_TYPE = 6;
/** Ports kept spare (fabric.sparePortsPct, never wired) when the option is a leaf, a spine, a core. */
export const OPTION_RESERVED_LEAF = 7;
export const OPTION_RESERVED_SPINE = 8;
export const OPTION_RESERVED_CORE = 9;
/** Bits PIN_LEAF, PIN_SPINE, PIN_CORE: the option meets fabric.pin's switch model and port mode for that tier. */
export const OPTION_PIN_MASK = 10;
/** 1 for a cage split (down ports in one mode, up ports in another, on cages of their own). */
export const OPTION_SPLIT = 11;
/** Up-mode ports per cage of a split (OPTION_PORTS_PER_CAGE otherwise). */
export const OPTION_UP_PORTS_PER_CAGE = 12;
export const OPTION_DOWN_GBPS = 13;
export const OPTION_UP_GBPS = 14;
/** Cages a split leaf keeps spare (fabric.sparePortsPct.leaf of its cages). */
export const OPTION_RESERVED_CAGES_LEAF = 15;
/** The uplink class (H_LINKS) of the option's up ports: the switches above it and the media of its uplinks. */
export const OPTION_UP_LINK = 16;
/** Cages a split 3-tier spine keeps spare (fabric.sparePortsPct.spine of its cages). */
export const OPTION_RESERVED_CAGES_SPINE = 17;
export const OPTION_STRIDE = 18;
export const PIN_LEAF = 1;
export const PIN_SPINE = 2;
export const PIN_CORE = 4;

/** SKU record in the i32 section. */
export const SKU_IS_SWITCH = 0;
/** f64 index of the first offer record (OFFER_STRIDE f64 words), cheapest first. */
export const SKU_OFFERS_START = 1;
export const SKU_OFFERS_COUNT = 2;
/** f64 index of (milliwatts, oemNewCents, cheapest allowed cents or -1, spares % of the part's category). */
export const SKU_FIGURES = 3;
export const SKU_STRIDE = 4;

/** An offer in the f64 section: unit cents, stock (-1 unlimited), support cents per unit-year, annual failure %. */
export const OFFER_UNIT_CENTS = 0;
export const OFFER_STOCK = 1;
export const OFFER_SUPPORT_CENTS = 2;
export const OFFER_FAILURE_PCT = 3;
export const OFFER_STRIDE = 4;

/** Single-mode options at the class's speed: 2-tier spines and cores. */
export const LINK_OPTIONS_START = 0;
export const LINK_OPTIONS_COUNT = 1;
/** Options a 3-tier spine may be: the single modes and cage splits whose down ports run at the class's speed. */
export const LINK_SPINES_START = 2;
export const LINK_SPINES_COUNT = 3;
export const LINK_STRIDE = 4;

export const BRANCH_FAMILY = 0;
export const BRANCH_VARIANT = 1;
export const BRANCH_TIERS = 2;
/** Position of the leaf option in the variant's option list. */
export const BRANCH_LEAF = 3;
export const BRANCH_GROUP_NODES = 4;
/** Leaves of a group, which each node's ports spread over: fat-tree g (1: whole nodes per leaf), R for the rail families. */
export const BRANCH_LEAVES_PER_GROUP = 5;
export const BRANCH_STRIDE = 6;

// ---- output (i32 words from outputPtr()) --------------------------------------------------------
export const O_STATUS = 0; // 0 ok, 1 Pareto capacity exceeded
export const O_TOP_COUNT = 1;
export const O_PARETO_COUNT = 2;
/** Then RULE_COUNT tallies of TALLY_STRIDE words, then the top-K and Pareto items. */
export const O_TALLIES = 3;
export const RULE_COUNT = 13;
/** count (f64 in two words is avoided: counts stay below 2^31 per shard), then DESIGN_STRIDE words. */
export const TALLY_STRIDE = 12;

/** A design as the kernel names it: indexes into the encoded tables. */
export const D_FAMILY = 0;
export const D_VARIANT = 1;
export const D_TIERS = 2;
export const D_LEAF = 3; // global option index
export const D_GROUP_NODES = 4;
export const D_LEAF_UP = 5;
export const D_SPINE = 6; // global option index or -1
export const D_SPINES_PER_POD = 7;
export const D_SPINE_UP = 8;
export const D_CORE = 9; // global option index or -1
export const D_LEAVES_PER_GROUP = 10; // as BRANCH_LEAVES_PER_GROUP
export const DESIGN_STRIDE = 11;

/** A kept item: DESIGN_STRIDE words of design, then the figures as f64 in the f64 output. */
export const ITEM_STRIDE = 11;
/** f64 figures per item: objectiveCents, oversubscription, milliwatts. */
export const ITEM_FIGURES = 3;

/** Shard counters in the f64 output (exact integers): evaluated, pruned, feasible, spaceSize. */
export const OF_EVALUATED = 0;
export const OF_PRUNED = 1;
export const OF_FEASIBLE = 2;
export const OF_SPACE = 3;
export const OF_HEADER = 4;

/** Infeasibility rules in the order the kernel codes them; names match the reference's. */
export const RULE_OVERSUBSCRIPTION = 0;
export const RULE_PORT_BUDGET = 1;
export const RULE_CAGE_BUDGET = 2;
export const RULE_SPINE_RADIX = 3;
export const RULE_CORE_RADIX = 4;
export const RULE_MEDIA = 5;
export const RULE_STOCK = 6;
export const RULE_SOURCING = 7;
export const RULE_POWER = 8;
export const RULE_END_TO_END = 9;
/** A link run only unconfirmed parts or recipes reach (sourcing.allowUnconfirmed is false). */
export const RULE_UNCONFIRMED = 10;
/** Fewer spines than fabric.minSpinesPerPlane. */
export const RULE_MIN_SPINES = 11;
/** A leaf or spine reaching fewer distinct upper switches than fabric.minUplinkSwitches. */
export const RULE_MIN_UPLINK_SWITCHES = 12;

/** Media index "entries" when some run has no media: none in the catalog reaches it ... */
export const MEDIA_NONE = -1;
/** ... or only unconfirmed parts or recipes would (the design fails with RULE_UNCONFIRMED, not RULE_MEDIA). */
export const MEDIA_UNCONFIRMED_ONLY = -2;
