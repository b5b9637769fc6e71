import { DispatchNetwork } from './dispatch-network';
import { sortedInput } from './dispatch-input-order';
import {
  type DispatchPlan,
  type LineToShip,
  type PlanningInput,
  TEMPERATURE_CLASSES,
  type UnplannableLine,
} from './dispatch-types';
import { type PlanningLine, rejectLine, shelfLifeLimit } from './line-feasibility';
import { LoadPacker } from './load-packer';

/**
 * Turns lines waiting at BTC into loads, one destination and one temperature class per load,
 * a vehicle (or train departure) at most once per plan. Every line ends on exactly one load or
 * in `unplannable` with a reason. Pure and deterministic: the input is sorted by stable keys
 * first, so the order of its arrays does not matter. The rules are in services/logistics/DISPATCH.md:
 *
 * - a load leaves when its carrier and all its lines are ready (road: max(now + loadingHours,
 *   availableFrom, latest readyAt); rail: the fixed departure), and arrives transitHours later;
 *   that arrival meets every line's deliver-by and leaves its minimum shelf life;
 * - classes are packed in passes, scarcest first (fewest usable carriers), each pass by urgency:
 *   the most urgent waiting line opens a load on the smallest carrier that holds everything that could
 *   ride with it (else the one taking most of it; road wins ties with rail), then other lines
 *   of its destination fill it first-fit decreasing by weight within 24 h deadline bands;
 * - lines are never split: a line no compatible carrier can hold is TOO_LARGE_FOR_ANY_VEHICLE.
 */
export function planDispatch(input: PlanningInput): DispatchPlan {
  const sorted = sortedInput(input);
  const network = new DispatchNetwork(sorted);
  const { rejected, candidates } = screen(sorted.lines, network);
  const packer = new LoadPacker(network);
  for (const pass of network.classPasses(TEMPERATURE_CLASSES)) {
    packer.pack(candidates.filter((c) => pass.includes(c.line.temperatureClass)));
  }
  const loads = packer.loads
    .map((load) => load.toPlannedLoad())
    .sort((a, b) => a.departsAt - b.departsAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const unplannable = [...rejected, ...packer.unplannable]
    .sort((a, b) => a.rank - b.rank)
    .map(({ entry }) => entry);
  return { loads, unplannable };
}

/** Sets aside the lines no plan could carry; the others go to packing with their latest arrival. */
function screen(lines: readonly LineToShip[], network: DispatchNetwork) {
  const rejected: { rank: number; entry: UnplannableLine }[] = [];
  const candidates: PlanningLine[] = [];
  lines.forEach((line, rank) => {
    const rejection = rejectLine(line, network);
    if (rejection) rejected.push({ rank, entry: { line, ...rejection } });
    else {
      const latestArrival = Math.min(line.deliverBy, shelfLifeLimit(line));
      candidates.push({ line, rank, latestArrival });
    }
  });
  return { rejected, candidates };
}
