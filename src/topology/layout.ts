import { ROW_RACKS, type ResolvedLayout } from './floor-defaults';
import { roundHalfUp } from './money';

/**
 * The floor plan. Nodes fill racks in order (`nodesPerRack` each); racks fill rows of
 * `racksPerRow`. A leaf sits with the nodes it serves: in their rack when they all share one
 * (top of rack), otherwise beside the middle node's rack ('group-center') or at the end of that
 * rack's row ('row-end'). Where switches may not sit in compute racks (NVL72 racks have no free
 * U), a network rack stands at each end of a row and after every ten compute racks, and a leaf
 * sits in the one nearest its nodes' middle rack ('group-center') or at the row's far end
 * ('row-end'). Spines and cores sit in a central network row at the middle of the floor. A run is the Manhattan distance between racks plus a vertical run at each end, times
 * the slack factor; inside one rack it is one vertical run. Lengths are whole centimetres.
 */
export interface Point {
  x: number;
  y: number;
}

/** A multiset of run lengths: lengthsCm ascending, counts aligned. */
export interface LengthHistogram {
  lengthsCm: number[];
  counts: number[];
}

/**
 * Counts by run length (a non-negative integer number of cm) in an array, not a map: walks add
 * millions. One per floor plan, emptied after each histogram.
 */
class LengthTally {
  counts = new Float64Array(4096);
  readonly lengths: number[] = [];

  /** Room for lengths up to `cm`. */
  reach(cm: number): void {
    if (cm < this.counts.length) return;
    const grown = new Float64Array(Math.max(cm + 1, this.counts.length * 2));
    grown.set(this.counts);
    this.counts = grown;
  }

  add(cm: number, count: number): void {
    this.reach(cm);
    if (this.counts[cm] === 0) this.lengths.push(cm);
    this.counts[cm] += count;
  }

  /** The counts as a histogram, and the tally emptied. */
  take(): LengthHistogram {
    let low = Infinity;
    let high = -1;
    for (const l of this.lengths) {
      if (l < low) low = l;
      if (l > high) high = l;
    }
    // Lengths crowded in their range (thousands of leaf runs at XL with odd rack widths) are read
    // off the counts in order; others sorted as a typed array, numerically without a comparator.
    const lengthsCm = new Array<number>(this.lengths.length);
    if (high - low < 16 * this.lengths.length) {
      for (let l = low, i = 0; l <= high; l++) if (this.counts[l] !== 0) lengthsCm[i++] = l;
    } else {
      const sorted = new Int32Array(this.lengths).sort();
      for (let i = 0; i < sorted.length; i++) lengthsCm[i] = sorted[i];
    }
    this.lengths.length = 0;
    const counts = new Array<number>(lengthsCm.length);
    for (let i = 0; i < lengthsCm.length; i++) {
      counts[i] = this.counts[lengthsCm[i]];
      this.counts[lengthsCm[i]] = 0;
    }
    return { lengthsCm, counts };
  }
}

/** Leaf sites of one group size (FloorPlan.leafSites), in groups. */
export interface LeafSites {
  /** Compute rack -> groups whose leaves stand in it. */
  inRacks: Map<number, number>;
  /** How many other sites (network racks, row ends, a spanning group's middle rack) hold each number of groups (groups -> sites). */
  pointsByGroups: Map<number, number>;
  /** Those sites and the groups whose leaves stand at each (listed when first asked: few designs need them). */
  atPoints(): { x: number; y: number; groups: number }[];
}

export class FloorPlan {
  readonly nodeRacks: number;
  readonly rows: number;
  readonly center: Point;
  /** Compute racks between two network racks in a row; 0 when leaves may sit in compute racks. */
  readonly segment: number;
  /** x of the far end of a row (where 'row-end' leaves stand). */
  readonly rowEndX: number;

  constructor(
    readonly layout: ResolvedLayout,
    readonly nodes: number,
  ) {
    this.nodeRacks = Math.ceil(nodes / layout.nodesPerRack);
    this.rows = Math.ceil(this.nodeRacks / layout.racksPerRow);
    this.segment = layout.switchesInComputeRack ? 0 : ROW_RACKS;
    this.rowEndX = this.colX(layout.racksPerRow - 1) + layout.rackWidthM;
    this.center = {
      x: (this.colX(0) + this.colX(layout.racksPerRow - 1)) / 2,
      y: ((this.rows - 1) * layout.rowPitchM) / 2,
    };
  }

  rackOf(node: number): number {
    return Math.floor(node / this.layout.nodesPerRack);
  }

  rackPoint(rack: number): Point {
    const col = rack % this.layout.racksPerRow;
    const row = Math.floor(rack / this.layout.racksPerRow);
    return { x: this.colX(col), y: row * this.layout.rowPitchM };
  }

  /** x of a compute rack's column: with network racks in the row, one rack width is left before every ten. */
  colX(col: number): number {
    const w = this.layout.rackWidthM;
    return this.segment ? (col + Math.floor(col / this.segment) + 1) * w : col * w;
  }

  /** Where the leaf (or the leaves, one per rail) of a group of nodes sits; rack set when top-of-rack. */
  leafSite(firstNode: number, count: number): { point: Point; rack: number | undefined } {
    const firstRack = this.rackOf(firstNode);
    const lastRack = this.rackOf(firstNode + count - 1);
    if (this.topOfRack && firstRack === lastRack) return { point: this.rackPoint(firstRack), rack: firstRack };
    return { point: this.sitePoint(this.rackOf(firstNode + Math.floor((count - 1) / 2))), rack: undefined };
  }

  /** Leaves of a group within one compute rack stand in it (switches in compute racks, not at the row end). */
  private get topOfRack(): boolean {
    return this.layout.switchPlacement !== 'row-end' && !this.segment;
  }

  /** Where the leaves of a group whose middle node is in `middleRack` stand, when not in their own compute rack. */
  private sitePoint(middleRack: number): Point {
    return { x: this.siteX(middleRack), y: Math.floor(middleRack / this.layout.racksPerRow) * this.layout.rowPitchM };
  }

  /** x of sitePoint (its y is the middle rack's row). */
  private siteX(middleRack: number): number {
    const l = this.layout;
    if (l.switchPlacement === 'row-end') return this.segment ? this.rowEndX : l.racksPerRow * l.rackWidthM;
    const col = middleRack % l.racksPerRow;
    if (!this.segment) return this.colX(col);
    // The network rack nearest the middle rack: before its segment of ten, or after it (the next one, or the row end).
    const first = col - (col % this.segment);
    const before = this.colX(first) - l.rackWidthM;
    const after = first + this.segment < l.racksPerRow ? this.colX(first + this.segment) - l.rackWidthM : this.rowEndX;
    return this.colX(col) - before <= after - this.colX(col) ? before : after;
  }

  private runCm(horizontalM: number, ends: number): number {
    const l = this.layout;
    return roundHalfUp((ends * l.verticalRunM + horizontalM) * l.slackFactor * 100);
  }

  /** Run from a node to its leaf. */
  nodeToLeafCm(node: number, site: { point: Point; rack: number | undefined }): number {
    return this.rackToSiteCm(this.rackOf(node), site.point.x, site.point.y, site.rack);
  }

  /** Run from any node of `rack` to a leaf site (no allocation: the encoder calls it millions of times). */
  rackToSiteCm(rack: number, siteX: number, siteY: number, siteRack: number | undefined): number {
    if (siteRack === rack) return this.runCm(0, 1);
    const x = this.colX(rack % this.layout.racksPerRow);
    const y = Math.floor(rack / this.layout.racksPerRow) * this.layout.rowPitchM;
    return this.runCm(Math.abs(x - siteX) + Math.abs(y - siteY), 2);
  }

  /** Run from a leaf to the central network row. */
  leafToCenterCm(site: Point): number {
    return this.runCm(Math.abs(site.x - this.center.x) + Math.abs(site.y - this.center.y), 2);
  }

  /** Run between two switches in the central network row. */
  spineToCoreCm(): number {
    return this.runCm(this.layout.networkRowSpanM, 2);
  }

  /** Groups of `n` consecutive nodes; the last may be partial. */
  groupCount(n: number): number {
    return Math.ceil(this.nodes / n);
  }

  groupSize(n: number, group: number): number {
    return Math.min(n, this.nodes - group * n);
  }

  private nodeCache = new Map<number, LengthHistogram>();
  private leafCache = new Map<number, LengthHistogram>();
  private siteCache = new Map<number, LeafSites>();
  private readonly tally = new LengthTally();

  /**
   * Where groups of `n` nodes have their leaves, counted in groups (one walk per group size, kept:
   * every design with this group size asks): per compute rack holding them (top of rack), and per
   * other site point, in order of first use.
   */
  leafSites(n: number): LeafSites {
    let sites = this.siteCache.get(n);
    if (!sites) {
      // A group's site depends only on its middle rack (and, top of rack, on whether it spans
      // racks): count groups by rack, then find each rack's site once. A group's first and middle
      // racks never decrease with its index, so the racks come in ascending order and each one's
      // groups in a row: they are counted in lists as they come, never in an array of every rack
      // (32,768 racks at a million GPUs, for every group size).
      const inRacks = new Map<number, number>();
      const midRacks: number[] = [];
      const midGroups: number[] = [];
      const topOfRack = this.topOfRack;
      const groups = this.groupCount(n);
      let wholeRack = -1;
      let wholeGroups = 0;
      for (let g = 0; g < groups; g++) {
        const first = g * n;
        const count = this.groupSize(n, g);
        const firstRack = this.rackOf(first);
        if (topOfRack && firstRack === this.rackOf(first + count - 1)) {
          if (firstRack !== wholeRack) {
            if (wholeGroups > 0) inRacks.set(wholeRack, wholeGroups);
            wholeRack = firstRack;
            wholeGroups = 0;
          }
          wholeGroups++;
        } else {
          const rack = this.rackOf(first + Math.floor((count - 1) / 2));
          const last = midRacks.length - 1;
          if (last >= 0 && midRacks[last] === rack) midGroups[last]++;
          else {
            midRacks.push(rack);
            midGroups.push(1);
          }
        }
      }
      if (wholeGroups > 0) inRacks.set(wholeRack, wholeGroups);
      /**
       * The sites of the groups counted by middle rack: several racks may share one (a network rack,
       * a row end). A rack's site is its row's site of its column's class (sitesInRow: columns whose
       * sites stand at one x), so sites are told apart by (row, class), not by their coordinates.
       */
      const pointsOf = (): { x: number; y: number; groups: number }[] => {
        const { classOf, x: classX } = this.sitesInRow();
        const perRow = this.layout.racksPerRow;
        const at = new Int32Array(this.rows * classX.length).fill(-1);
        const list: { x: number; y: number; groups: number }[] = [];
        for (let i = 0; i < midRacks.length; i++) {
          const rack = midRacks[i];
          const row = Math.floor(rack / perRow);
          const siteClass = classOf[rack % perRow];
          const key = row * classX.length + siteClass;
          if (at[key] >= 0) list[at[key]].groups += midGroups[i];
          else {
            at[key] = list.length;
            // sitePoint(rack), whose x is siteX of the rack's column.
            list.push({ x: classX[siteClass], y: row * this.layout.rowPitchM, groups: midGroups[i] });
          }
        }
        return list;
      };
      const pointsByGroups = new Map<number, number>();
      let atPoints: { x: number; y: number; groups: number }[] | undefined;
      if (topOfRack) {
        // A group spanning racks stands at its middle rack's point, one point per rack: count racks
        // by how many groups they hold (in an array: tens of thousands of racks at a million GPUs),
        // listed in order of first use. Groups' middle nodes differ, so a rack holds at most
        // nodesPerRack of them.
        const racksWith = new Int32Array(this.layout.nodesPerRack + 1);
        const order: number[] = [];
        for (const g of midGroups) if (racksWith[g]++ === 0) order.push(g);
        for (const g of order) pointsByGroups.set(g, racksWith[g]);
      } else {
        atPoints = pointsOf();
        for (const p of atPoints) pointsByGroups.set(p.groups, (pointsByGroups.get(p.groups) ?? 0) + 1);
      }
      sites = { inRacks, pointsByGroups, atPoints: () => (atPoints ??= pointsOf()) };
      this.siteCache.set(n, sites);
    }
    return sites;
  }

  /** Runs from every node to its group's leaf site (one entry per node; multiply by ports per node). */
  nodeRuns(n: number): LengthHistogram {
    let h = this.nodeCache.get(n);
    if (!h) {
      // The encoder asks for every group size, and walking every group costs a loop over its
      // racks. But a whole group within one row has runs that depend only on where it starts in
      // the row (its first node mod the nodes of a row): x depends only on columns, and its y terms
      // are exactly 0, so the floating-point arithmetic is the same in every row. Whole groups
      // start at g * n, which repeats mod a row every `period` groups: each residue is counted
      // once, `times` over. Where runs depend only on how many columns a rack is from its site
      // (shiftFree: checked, rounding can break it), columns do not matter either: residues are
      // counted by their first node's place in its rack and one group of each walked. Otherwise
      // their nodes are counted by column and site x (addColumnNodes), each run measured once.
      // Groups that cross rows (their y terms round differently in each row) and the last,
      // partial group are walked one by one.
      const npr = this.layout.nodesPerRack;
      const rowNodes = npr * this.layout.racksPerRow;
      const whole = Math.floor(this.nodes / n);
      const period = rowNodes / gcd(n, rowNodes);
      const shiftFree = this.shiftFree(Math.floor((n + npr - 2) / npr));
      const timesByOffset = new Float64Array(shiftFree ? npr : 0);
      const firstByOffset = new Float64Array(shiftFree ? npr : 0);
      for (let g = 0; g < Math.min(whole, period); g++) {
        const first = g * n;
        const times = Math.floor((whole - 1 - g) / period) + 1;
        if ((first % rowNodes) + n > rowNodes) for (let crossing = g; crossing < whole; crossing += period) this.addGroupRuns(crossing * n, n, 1);
        else if (!shiftFree) this.addColumnNodes(first, n, times);
        else {
          const offset = first % npr;
          if (timesByOffset[offset] === 0) firstByOffset[offset] = first;
          timesByOffset[offset] += times;
        }
      }
      for (let offset = 0; offset < timesByOffset.length; offset++)
        if (timesByOffset[offset] > 0) this.addGroupRuns(firstByOffset[offset], n, timesByOffset[offset]);
      this.addColumnRuns();
      if (whole * n < this.nodes) this.addGroupRuns(whole * n, this.nodes - whole * n, 1);
      h = this.tally.take();
      this.nodeCache.set(n, h);
    }
    return h;
  }

  /**
   * Leaf sites within a row, by the x they stand at: groups whose middle racks are in different
   * columns but whose leaves stand at one x (a network rack, the row end) have the same runs.
   * classOf: the middle rack's column -> class; runsCm: run lengths from each column to each
   * class's x, at [class * racksPerRow + col] (-1 until the class is first needed). Every row shares them.
   */
  private rowSites: { classOf: Int32Array; x: number[]; runsCm: Int32Array } | undefined;

  private sitesInRow(): { classOf: Int32Array; x: number[]; runsCm: Int32Array } {
    if (!this.rowSites) {
      const perRow = this.layout.racksPerRow;
      const classOf = new Int32Array(perRow);
      const x: number[] = [];
      const byX = new Map<number, number>();
      for (let col = 0; col < perRow; col++) {
        const siteX = this.siteX(col);
        let siteClass = byX.get(siteX);
        if (siteClass === undefined) byX.set(siteX, (siteClass = x.push(siteX) - 1));
        classOf[col] = siteClass;
      }
      this.rowSites = { classOf, x, runsCm: new Int32Array(x.length * perRow).fill(-1) };
    }
    return this.rowSites;
  }

  /** Where the run lengths to a site class start in rowSites.runsCm, measured when first needed. */
  private rowRunsTo(siteClass: number): number {
    const { x, runsCm } = this.sitesInRow();
    const perRow = this.layout.racksPerRow;
    const base = siteClass * perRow;
    // rowRunCm's arithmetic.
    if (runsCm[base] < 0) for (let col = 0; col < perRow; col++) runsCm[base + col] = this.runCm(Math.abs(this.colX(col) - x[siteClass]), 2);
    return base;
  }

  /**
   * Run lengths from the racks of a row to a site in another row, by the rows' y distance as
   * rackToSiteCm computes it (|y - siteY|), each laid out as rowSites.runsCm (-1 until a class is
   * first needed). Rows' y are multiples of one pitch, so there are few distances: 5 on 16 rows of
   * 2.4 m, where rounding makes 2.4 m come out five ways. Groups across rows (the walk's costly
   * part) then read their runs instead of measuring every rack.
   */
  private crossRowRuns = new Map<number, Int32Array>();

  /** The table of runs `dy` from the site's row, with site class `siteClass`'s runs measured. */
  private crossRunsTo(siteClass: number, dy: number): Int32Array {
    const { x } = this.sitesInRow();
    const perRow = this.layout.racksPerRow;
    let table = this.crossRowRuns.get(dy);
    if (!table) this.crossRowRuns.set(dy, (table = new Int32Array(x.length * perRow).fill(-1)));
    const base = siteClass * perRow;
    // rackToSiteCm's arithmetic: the horizontal distance plus the y distance, in that order.
    if (table[base] < 0) for (let col = 0; col < perRow; col++) table[base + col] = this.runCm(Math.abs(this.colX(col) - x[siteClass]) + dy, 2);
    return table;
  }

  /** Exactly rackToSiteCm's arithmetic within one row, where the y terms it adds are +0. */
  private rowRunCm(siteCol: number, col: number): number {
    return this.runCm(Math.abs(this.colX(col) - this.siteX(siteCol)), 2);
  }

  /** Column distances up to which rowRunCm is the same for every pair of columns that far apart (-1: none yet checked). */
  private shiftFreeChecked = -1;
  private shiftFreeBroken = false;

  /** Whether rowRunCm(siteCol, col) depends only on col - siteCol, for |col - siteCol| <= span. */
  private shiftFree(span: number): boolean {
    const perRow = this.layout.racksPerRow;
    span = Math.min(span, perRow - 1);
    while (this.shiftFreeChecked < span && !this.shiftFreeBroken) {
      const d = this.shiftFreeChecked + 1;
      const right = this.rowRunCm(0, d);
      const left = this.rowRunCm(d, 0);
      for (let site = 1; site + d < perRow && !this.shiftFreeBroken; site++)
        this.shiftFreeBroken = this.rowRunCm(site, site + d) !== right || this.rowRunCm(site + d, site) !== left;
      if (!this.shiftFreeBroken) this.shiftFreeChecked = d;
    }
    return span <= this.shiftFreeChecked;
  }

  /** Adds the runs of the group of `count` nodes from `first` to its leaf site, `times` over. */
  private addGroupRuns(first: number, count: number, times: number): void {
    const tally = this.tally;
    const npr = this.layout.nodesPerRack;
    const perRow = this.layout.racksPerRow;
    const last = first + count - 1;
    const firstRack = this.rackOf(first);
    const lastRack = this.rackOf(last);
    // leafSite's site, as numbers (no allocation).
    if (this.topOfRack && firstRack === lastRack) {
      // Leaves in the group's own rack: every node's run is rackToSiteCm's to its own rack.
      tally.add(this.runCm(0, 1), count * times);
      return;
    }
    const siteRack = this.rackOf(first + Math.floor((count - 1) / 2));
    const sites = this.sitesInRow();
    const siteClass = sites.classOf[siteRack % perRow];
    const siteRow = Math.floor(siteRack / perRow);
    const siteY = siteRow * this.layout.rowPitchM;
    // Row by row, the lengths come from the table of runs to the site's class: the row table in
    // the site's own row, else the table of the row's y distance from it (a group across rows).
    for (let row = Math.floor(firstRack / perRow); row * perRow <= lastRack; row++) {
      let runs = sites.runsCm;
      if (row === siteRow) this.rowRunsTo(siteClass);
      else runs = this.crossRunsTo(siteClass, Math.abs(row * this.layout.rowPitchM - siteY));
      const at = (siteClass - row) * perRow;
      const end = Math.min(lastRack, row * perRow + perRow - 1);
      // Every node of a rack has the same run to the site: count them rack by rack (the tally's add, inline).
      for (let rack = Math.max(firstRack, row * perRow); rack <= end; rack++) {
        const nodesHere = Math.min(last, rack * npr + npr - 1) - Math.max(first, rack * npr) + 1;
        const cm = runs[at + rack];
        if (cm >= tally.counts.length) tally.reach(cm);
        const counts = tally.counts;
        if (counts[cm] === 0) tally.lengths.push(cm);
        counts[cm] += nodesHere * times;
      }
    }
  }

  /**
   * Nodes of groups within one row by their site class and column (addColumnNodes), as a
   * difference array along the row per class ([class * (racksPerRow + 1) + col]), and the columns
   * each class has touched; emptied by addColumnRuns.
   */
  private columnNodes: { diff: Float64Array; low: Int32Array; high: Int32Array } | undefined;

  /**
   * Counts the nodes of a group within one row by its site's class and by column, `times` over
   * (a group top of rack is counted as a run at once): a few additions for any group size.
   */
  private addColumnNodes(first: number, count: number, times: number): void {
    const npr = this.layout.nodesPerRack;
    const perRow = this.layout.racksPerRow;
    const inRow = first % (npr * perRow);
    const lastInRow = inRow + count - 1;
    const firstCol = Math.floor(inRow / npr);
    const lastCol = Math.floor(lastInRow / npr);
    if (this.topOfRack && firstCol === lastCol) return this.addGroupRuns(first, count, times);
    const sites = this.sitesInRow();
    const siteClass = sites.classOf[Math.floor((inRow + Math.floor((count - 1) / 2)) / npr)];
    const { diff, low, high } = (this.columnNodes ??= {
      diff: new Float64Array(sites.x.length * (perRow + 1)),
      low: new Int32Array(sites.x.length).fill(perRow),
      high: new Int32Array(sites.x.length).fill(-1),
    });
    // Every column from the first to the last full, less the nodes before the group in the first
    // and after it in the last.
    const base = siteClass * (perRow + 1);
    const full = npr * times;
    const before = (inRow % npr) * times;
    const after = (npr - 1 - (lastInRow % npr)) * times;
    diff[base + firstCol] += full - before;
    diff[base + firstCol + 1] += before;
    diff[base + lastCol] -= after;
    diff[base + lastCol + 1] += after - full;
    low[siteClass] = Math.min(low[siteClass], firstCol);
    high[siteClass] = Math.max(high[siteClass], lastCol);
  }

  /** Adds the runs of the nodes counted by addColumnNodes to the tally, and empties the count. */
  private addColumnRuns(): void {
    const nodes = this.columnNodes;
    if (!nodes) return;
    const perRow = this.layout.racksPerRow;
    const { runsCm } = this.sitesInRow();
    const tally = this.tally;
    for (let siteClass = 0; siteClass < nodes.low.length; siteClass++) {
      const low = nodes.low[siteClass];
      const high = nodes.high[siteClass];
      if (low > high) continue;
      const base = siteClass * (perRow + 1);
      const runs = this.rowRunsTo(siteClass);
      let here = 0;
      for (let col = low; col <= high; col++) {
        here += nodes.diff[base + col];
        nodes.diff[base + col] = 0;
        if (here > 0) tally.add(runsCm[runs + col], here);
      }
      nodes.diff[base + high + 1] = 0;
      nodes.low[siteClass] = perRow;
      nodes.high[siteClass] = -1;
    }
  }

  /** Leaf groups whose leaves sit in a compute rack (top of rack), for rack-space accounting. */
  groupsInComputeRacks(n: number): number {
    if (!this.layout.switchesInComputeRack || this.layout.switchPlacement === 'row-end') return 0;
    let count = 0;
    const groups = this.groupCount(n);
    for (let g = 0; g < groups; g++) {
      const first = g * n;
      if (this.rackOf(first) === this.rackOf(first + this.groupSize(n, g) - 1)) count++;
    }
    return count;
  }

  /** Runs from every group's leaf site to the central row (one entry per group). */
  leafRuns(n: number): LengthHistogram {
    let h = this.leafCache.get(n);
    if (!h) {
      // Walked group by group, but with no allocation or division per group: the encoder asks for
      // every group size. Sites only move forward as groups do, and small groups share one, so each
      // run of groups at one site is counted at once, its length kept per site for the next size.
      const npr = this.layout.nodesPerRack;
      const topOfRack = this.topOfRack;
      const whole = Math.floor(this.nodes / n);
      const groups = this.groupCount(n);
      // A whole group's site (siteOf) less its first rack, by where in that rack the group starts;
      // and how far the start moves from one group to the next.
      const siteFromFirstRack = new Int32Array(npr);
      for (let offset = 0; offset < npr; offset++) {
        const inRack = topOfRack && offset + n <= npr;
        siteFromFirstRack[offset] = inRack ? 0 : this.nodeRacks + Math.floor((offset + Math.floor((n - 1) / 2)) / npr);
      }
      const rackStep = Math.floor(n / npr);
      const offsetStep = n % npr;
      const tally = this.tally;
      const centerCm = (this.centerRunsCm ??= new Int32Array(2 * this.nodeRacks).fill(-1));
      let firstRack = 0;
      let offset = 0;
      let site = -1;
      let groupsThere = 0;
      // One step past the last group, to count the last site.
      for (let g = 0; g <= groups; g++) {
        let next = -1;
        if (g < whole) {
          next = firstRack + siteFromFirstRack[offset];
          firstRack += rackStep;
          offset += offsetStep;
          if (offset >= npr) {
            offset -= npr;
            firstRack++;
          }
        } else if (g < groups) next = this.siteOf(g * n, this.nodes - g * n);
        if (next === site) {
          groupsThere++;
          continue;
        }
        if (groupsThere > 0) {
          // The tally's add and the site's length, inline.
          const cm = centerCm[site] < 0 ? this.measureSite(site) : centerCm[site];
          if (cm >= tally.counts.length) tally.reach(cm);
          const counts = tally.counts;
          if (counts[cm] === 0) tally.lengths.push(cm);
          counts[cm] += groupsThere;
        }
        site = next;
        groupsThere = 1;
      }
      h = tally.take();
      this.leafCache.set(n, h);
    }
    return h;
  }

  /** leafSite's site as a number: its rack when the leaves stand in the group's own rack, else nodeRacks + the middle rack. */
  private siteOf(first: number, count: number): number {
    const firstRack = this.rackOf(first);
    if (this.topOfRack && firstRack === this.rackOf(first + count - 1)) return firstRack;
    return this.nodeRacks + this.rackOf(first + Math.floor((count - 1) / 2));
  }

  /** leafToCenterCm by site (siteOf), -1 until measured. */
  private centerRunsCm: Int32Array | undefined;

  /** leafToCenterCm of a site (siteOf), kept in centerRunsCm. */
  private measureSite(site: number): number {
    const inRack = site < this.nodeRacks;
    const rack = inRack ? site : site - this.nodeRacks;
    // rackPoint or sitePoint, and leafToCenterCm, as numbers.
    const x = inRack ? this.colX(rack % this.layout.racksPerRow) : this.siteX(rack);
    const y = Math.floor(rack / this.layout.racksPerRow) * this.layout.rowPitchM;
    return (this.centerRunsCm![site] = this.runCm(Math.abs(x - this.center.x) + Math.abs(y - this.center.y), 2));
  }
}

/** Greatest common divisor of two positive integers. */
function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
