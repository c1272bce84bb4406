// Which worker materializes which of a run's result designs. A design's floor-plan walks (its group
// size's runs from nodes to leaves and from leaves to the centre, and its leaf sites) are what
// materializing it costs most at scale, and each worker keeps the walks of the group sizes whose
// media it encoded. So designs go to the worker that already walked their group size, as long as
// that keeps the workers' shares even; the candidates are the same whichever worker makes them.

/**
 * Splits designs (given by their group sizes) into `lanes` lists of design indices, ascending.
 * Group sizes are placed whole, those with the most designs first: on the lane that walked them
 * (`laneOf`, -1 for none) while it holds no more than an even share, else on the lane holding the
 * fewest designs so far (ties to the lowest lane). Depends only on its arguments.
 */
export function splitDesigns(groupSizes: readonly number[], laneOf: (n: number) => number, lanes: number): number[][] {
  const out: number[][] = Array.from({ length: lanes }, () => []);
  if (lanes <= 0) return out;
  const bySize = new Map<number, number[]>();
  groupSizes.forEach((n, i) => {
    const list = bySize.get(n);
    if (list) list.push(i);
    else bySize.set(n, [i]);
  });
  const share = Math.ceil(groupSizes.length / lanes);
  const load = new Array<number>(lanes).fill(0);
  const sizes = [...bySize.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
  for (const [n, indices] of sizes) {
    const own = laneOf(n);
    let lane = own >= 0 && own < lanes && load[own] + indices.length <= share ? own : -1;
    if (lane < 0) {
      lane = 0;
      for (let l = 1; l < lanes; l++) if (load[l] < load[lane]) lane = l;
    }
    load[lane] += indices.length;
    out[lane].push(...indices);
  }
  for (const list of out) list.sort((a, b) => a - b);
  return out;
}
