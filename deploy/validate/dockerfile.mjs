// Lints the Dockerfile with dockerfile-utils, the linter of the Docker language server (VS Code's
// Docker extension): unknown instructions and flags, bad JSON forms, several CMDs, relative
// WORKDIRs… as errors (hadolint, a Haskell binary, is in none of the registries this project uses).
// Then checks what the deployment relies on: a JRE-only runtime stage, a numeric non-root USER, a
// HEALTHCHECK against /livez, EXPOSE 8080 9090, /tmp as a volume, container-aware heap sizing, and
// a .dockerignore that admits only what the build reads.
//   node dockerfile.mjs DOCKERFILE DOCKERIGNORE
import { readFileSync } from "node:fs";
import { DockerfileParser } from "dockerfile-ast";
import { validate, ValidationSeverity } from "dockerfile-utils";

const [file, ignoreFile] = process.argv.slice(2);
const content = readFileSync(file, "utf8");
const problems = [];

const strict = Object.fromEntries(
  [
    "deprecatedMaintainer",
    "directiveCasing",
    "emptyContinuationLine",
    "instructionCasing",
    "instructionCmdMultiple",
    "instructionEntrypointMultiple",
    "instructionHealthcheckMultiple",
    "instructionJSONInSingleQuotes",
    "instructionWorkdirRelative",
  ].map((rule) => [rule, ValidationSeverity.ERROR]),
);
for (const d of validate(content, strict)) problems.push(`${file}:${d.range.start.line + 1}: ${d.message}`);

const instructions = DockerfileParser.parse(content).getInstructions();
const lastFrom = instructions.findLastIndex((i) => i.getKeyword() === "FROM");
const stages = instructions.filter((i) => i.getKeyword() === "FROM").length;
const runtime = instructions.slice(lastFrom);
const args = (keyword) => runtime.filter((i) => i.getKeyword() === keyword).map((i) => i.getArgumentsContent() ?? "");
const check = (condition, message) => condition || problems.push(`${file}: ${message}`);

check(stages >= 2, "a build stage and a runtime stage are expected");
check(/-jre\b/.test(args("FROM")[0] ?? ""), "the runtime stage must start from a JRE-only image");
check(/^\d+(:\d+)?$/.test((args("USER").at(-1) ?? "").trim()), "the runtime stage must end on a numeric USER (uid:gid), not root");
check(!/^0(:|$)/.test((args("USER").at(-1) ?? "").trim()), "USER must not be root");
check(args("HEALTHCHECK").some((a) => a.includes("/livez")), "a HEALTHCHECK against /livez is missing");
const exposed = args("EXPOSE").join(" ").split(/\s+/);
check(["8080", "9090"].every((p) => exposed.includes(p)), "EXPOSE 8080 9090 is missing");
check(args("VOLUME").some((a) => a.includes("/tmp")), "/tmp must be a VOLUME (the root file system may be read-only)");
check(args("ENV").some((a) => a.includes("MaxRAMPercentage")), "the JVM must size its heap from the container's memory (MaxRAMPercentage)");
check(args("ENTRYPOINT").some((a) => a.includes("dukkan.jar")), "the ENTRYPOINT must run dukkan.jar");

const ignored = readFileSync(ignoreFile, "utf8").split("\n").map((l) => l.trim());
check(ignored.includes("*"), `${ignoreFile} must exclude everything ("*") but what the build reads`);

if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(`${file}: lint clean, ${stages} stages, runtime stage as required`);
