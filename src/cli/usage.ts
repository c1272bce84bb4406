// The help text. Kept apart from the commands so `railyard --help` loads nothing else: the export
// format ids are written out here (test/cli/conventions.test.ts holds them to src/export/formats.ts).
import { EXIT_CODES_TEXT } from './exit-codes';

export const EXPORT_FORMAT_IDS = ['json', 'bom-csv', 'cables-csv', 'dot', 'dot-full', 'ibnetdiscover', 'topology-conf', 'containerlab', 'rack-csv',
  'netbox-sites', 'netbox-racks', 'netbox-manufacturers', 'netbox-device-roles', 'netbox-device-types', 'netbox-devices', 'netbox-interfaces', 'netbox-cables'];

export const USAGE = `Railyard — cost-optimal AI-cluster network fabrics, computed locally.

Usage:
  railyard optimize SCENARIO.json [--catalog CATALOG.json] [--inventory INVENTORY.json] [--top N] [--out RESULT.json] [--json]
                    [--engine kernel|reference] [--workers N] [--quiet]
  railyard validate FILE [--kind scenario|catalog|result|inventory] [--catalog CATALOG.json] [--quiet]
  railyard export RESULT.json --format F [--candidate ID] [--phase N] [--out FILE] [--catalog CATALOG.json] [--inventory INVENTORY.json] [--quiet]
  railyard catalog [--out CATALOG.json] [--quiet]      write the built-in default catalog
  railyard template list                               the reference templates (NVIDIA published designs)
  railyard template ID --size N [--vary-only-sourcing] [--out SCENARIO.json [--force]] [--quiet]
  railyard robustness SCENARIO.json [--samples N] [--seed S] [--catalog CATALOG.json] [--inventory INVENTORY.json]
                      [--workers N] [--out REPORT.json] [--json] [--quiet]
  railyard --help | --version

optimize  searches every design the scenario allows, prints the ranked candidates and writes
          the result JSON (default: SCENARIO.result.json beside the scenario file).
          --json prints the result JSON to standard output instead of the table, and writes a
          file only when --out is given. --inventory adds the parts you own (docs/inventory.md) as
          "owned" offers at their residual value and reports what the best design reuses and buys.
export    writes one candidate (default: rank 1) as F = ${EXPORT_FORMAT_IDS.join(', ')},
          or with --format results-json the whole result (to standard output without --out).
          --phase N (a result whose scenario has cluster.phases): the BOM lists what phase N buys;
          the cable schedule, rack CSV and NetBox files what it installs; DOT, ibnetdiscover,
          topology.conf and containerlab the fabric as built after it (docs/exports.md).
template  writes the scenario of a reference template (a DGX SuperPOD of N scalable units, or N
          GPUs of GB200 NVL72) with fabric.pin from its published design (docs/templates.md).
          --vary-only-sourcing pins the whole design (switch model, mode, count and ports per
          tier), so only sourcing and media vary; without it only family, technology and planes
          are pinned. To standard output without --out; an existing --out is replaced only with --force.
robustness  draws N price sets from the price ranges (robustness.ranges in the scenario, or
          priceLow / priceHigh on offers; seeded: the same seed gives the same report), runs the
          exact search for each and prints every design's share of wins, mean, P10 and P90, and the
          best design's break-even prices (docs/robustness.md). --out or --json for the report JSON.
validate  checks a scenario, catalog, result or inventory file and lists every problem by field
          (an inventory against --catalog, default the built-in catalog).
--quiet (-q) prints nothing but errors. --out is checked before any work starts (it may not be one
of the command's input files) and is replaced only once the whole output is written, so a failure
leaves the previous file as it was.
${EXIT_CODES_TEXT}`;
