// Checks the Grafana dashboard and the alert rules against the metric contract (deploy/metrics.txt):
// the dashboard must be valid JSON, every query must parse as PromQL (Prometheus' own grammar,
// @prometheus-io/lezer-promql) and name only metrics of the contract. Writes the dashboard's queries
// as a rule file, so that promtool checks them with Prometheus' own parser too. Grafana's
// provisioning files must be YAML of provisioning's apiVersion 1.
//   node metrics.mjs METRICS_TXT DASHBOARD_JSON ALERTS_YAML DASHBOARD_RULES_OUT PROVISIONING_YAML...
import { readFileSync, writeFileSync } from "node:fs";
import { parser } from "@prometheus-io/lezer-promql";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";

const [contractFile, dashboardFile, alertsFile, rulesOut, ...provisioningFiles] = process.argv.slice(2);
const contract = new Set(
  readFileSync(contractFile, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#")),
);
const problems = [];

// Grafana's interval variables become durations; other variables stand only inside label values.
const promql = (expr) => expr.replace(/\$__(rate_interval|interval|range)\b/g, "5m");

function metricNames(where, expr) {
  const tree = parser.parse(expr);
  const names = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError) {
        problems.push(`${where}: PromQL syntax error at ${node.from}: ${expr}`);
      } else if (node.name === "VectorSelector") {
        const identifier = node.node.getChild("Identifier");
        if (identifier) names.push(expr.slice(identifier.from, identifier.to));
        else problems.push(`${where}: a selector without a metric name: ${expr}`);
      }
    },
  });
  for (const name of names) {
    if (!contract.has(name)) problems.push(`${where}: metric ${name} is not in ${contractFile}`);
  }
  return names;
}

function panelsOf(list) {
  return list.flatMap((p) => [p, ...panelsOf(p.panels ?? [])]);
}

let dashboard;
try {
  dashboard = JSON.parse(readFileSync(dashboardFile, "utf8"));
} catch (e) {
  console.error(`${dashboardFile}: not JSON: ${e.message}`);
  process.exit(1);
}
const rules = [];
const panels = panelsOf(dashboard.panels ?? []);
const ids = new Set();
for (const panel of panels) {
  if (ids.has(panel.id)) problems.push(`${dashboardFile}: panel id ${panel.id} twice`);
  ids.add(panel.id);
  for (const target of panel.targets ?? []) {
    const where = `${dashboardFile}: panel "${panel.title}" ${target.refId}`;
    if (!target.expr) {
      problems.push(`${where}: no PromQL expression`);
      continue;
    }
    const expr = promql(target.expr);
    metricNames(where, expr);
    rules.push({ record: `dashboard:panel_${panel.id}_${target.refId}`, expr });
  }
}
if (rules.length === 0) problems.push(`${dashboardFile}: no queries`);

let alertRules = 0;
for (const group of parseYaml(readFileSync(alertsFile, "utf8")).groups ?? []) {
  for (const rule of group.rules ?? []) {
    metricNames(`${alertsFile}: ${rule.alert ?? rule.record}`, rule.expr);
    alertRules++;
  }
}

for (const file of provisioningFiles) {
  try {
    const provisioning = parseYaml(readFileSync(file, "utf8"));
    if (provisioning?.apiVersion !== 1) problems.push(`${file}: apiVersion 1 expected`);
  } catch (e) {
    problems.push(`${file}: not YAML: ${e.message}`);
  }
}

writeFileSync(rulesOut, stringifyYaml({ groups: [{ name: "dashboard", rules }] }));
if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(`${panels.filter((p) => p.type !== "row").length} panels with ${rules.length} queries and ${alertRules} alert rules use only the ${contract.size} metrics of the contract; ${provisioningFiles.length} provisioning files`);
