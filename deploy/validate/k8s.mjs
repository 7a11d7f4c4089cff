// Validates rendered Kubernetes manifests (kubectl kustomize output), one file per overlay:
// - every built-in kind against the Kubernetes OpenAPI schemas (kubernetes-models' validators),
//   strictly: a field the schema never looked at (a typo, a misplaced key) is an error too;
// - the CloudNativePG and Barman Cloud kinds, whose schemas no offline package ships, by apiVersion,
//   kind and the fields this deployment relies on;
// - the deployment's own rules: hardened pods, probes, a default-deny network policy, no Secret.
//   node k8s.mjs RENDERED.yaml...
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const custom = {
  "postgresql.cnpg.io/v1/Cluster": checkCluster,
  "postgresql.cnpg.io/v1/ScheduledBackup": checkScheduledBackup,
  "barmancloud.cnpg.io/v1/ObjectStore": checkObjectStore,
};
const problems = [];
let validated = 0;

for (const file of process.argv.slice(2)) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"))
    .filter((d) => d.contents !== null)
    .map((d) => {
      for (const e of d.errors) problems.push(`${file}: ${e.message}`);
      return d.toJS();
    });
  const names = new Set(docs.map((d) => `${d.kind}/${d.metadata?.name}`));
  for (const doc of docs) {
    const where = `${file}: ${doc.kind}/${doc.metadata?.name}`;
    const type = `${doc.apiVersion}/${doc.kind}`;
    if (custom[type]) {
      custom[type](doc, where, names);
    } else {
      await validateBuiltIn(doc, where);
    }
    checkRules(doc, where);
    validated++;
  }
  if (!docs.some(isDefaultDeny)) problems.push(`${file}: no default-deny NetworkPolicy`);
}

if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(`${validated} manifests valid`);

function schemaName(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["core", apiVersion];
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  return `IoK8sApi${cap(group.split(".")[0])}${cap(version)}${kind}`;
}

async function validateBuiltIn(doc, where) {
  let validate;
  try {
    ({ validate } = await import(`kubernetes-models/_schemas/${schemaName(doc.apiVersion, doc.kind)}`));
  } catch {
    problems.push(`${where}: no schema for ${doc.apiVersion} ${doc.kind}`);
    return;
  }
  const seen = new Set();
  if (!validate(tracked(doc, "", seen))) {
    for (const e of validate.errors) problems.push(`${where}: ${e.instancePath || "/"}: ${e.keyword} ${JSON.stringify(e.params)}`);
    return;
  }
  for (const path of unread(doc, "", seen)) problems.push(`${where}: unknown field ${path}`);
}

// The compiled validators read exactly the properties their schema defines (and every key of a
// map); a key they never read is unknown to the schema.
function tracked(value, path, seen) {
  if (value === null || typeof value !== "object") return value;
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === "string" && Object.hasOwn(target, key)) {
        seen.add(`${path}/${key}`);
        return tracked(target[key], `${path}/${key}`, seen);
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

function unread(value, path, seen) {
  if (value === null || typeof value !== "object") return [];
  return Object.keys(value).flatMap((key) => {
    const p = `${path}/${key}`;
    return seen.has(p) ? unread(value[key], p, seen) : [p];
  });
}

function require(condition, where, message) {
  if (!condition) problems.push(`${where}: ${message}`);
}

function checkCluster(doc, where) {
  const spec = doc.spec ?? {};
  require(Number.isInteger(spec.instances) && spec.instances >= 3, where, "spec.instances must be 3 or more");
  require(/^[^:]+:17[.\d-]/.test(spec.imageName ?? ""), where, "spec.imageName must be a PostgreSQL 17 image");
  require(spec.storage?.size, where, "spec.storage.size is missing");
  require(spec.bootstrap?.initdb?.database && spec.bootstrap?.initdb?.owner, where, "spec.bootstrap.initdb needs database and owner");
  const archiver = (spec.plugins ?? []).find((p) => p.name === "barman-cloud.cloudnative-pg.io" && p.isWALArchiver === true);
  require(archiver?.parameters?.barmanObjectName, where, "spec.plugins needs the barman-cloud WAL archiver with barmanObjectName");
}

function checkScheduledBackup(doc, where, names) {
  const spec = doc.spec ?? {};
  require(names.has(`Cluster/${spec.cluster?.name}`), where, `spec.cluster.name ${spec.cluster?.name} names no Cluster`);
  require((spec.schedule ?? "").trim().split(/\s+/).length === 6, where, "spec.schedule must have six fields (seconds first)");
  require(spec.method === "plugin" && spec.pluginConfiguration?.name === "barman-cloud.cloudnative-pg.io", where, "backups go through the barman-cloud plugin");
}

function checkObjectStore(doc, where) {
  const configuration = doc.spec?.configuration ?? {};
  require(/^s3:\/\/./.test(configuration.destinationPath ?? ""), where, "spec.configuration.destinationPath must be an s3:// URL");
  require(configuration.s3Credentials, where, "spec.configuration.s3Credentials is missing");
  require(doc.spec?.retentionPolicy, where, "spec.retentionPolicy is missing");
}

function podSpecOf(doc) {
  switch (doc.kind) {
    case "Deployment":
    case "Job":
      return doc.spec?.template?.spec;
    case "CronJob":
      return doc.spec?.jobTemplate?.spec?.template?.spec;
    default:
      return undefined;
  }
}

function checkRules(doc, where) {
  require(doc.kind !== "Secret", where, "a Secret in the manifests: secret values never go into git (secret.example.yaml is the template)");
  const pod = podSpecOf(doc);
  if (!pod) return;
  require(pod.securityContext?.runAsNonRoot === true, where, "pod securityContext.runAsNonRoot must be true");
  require(pod.securityContext?.seccompProfile?.type === "RuntimeDefault", where, "pod seccompProfile must be RuntimeDefault");
  const emptyDirs = new Set((pod.volumes ?? []).filter((v) => v.emptyDir).map((v) => v.name));
  for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
    const at = `${where} container ${c.name}`;
    const sc = c.securityContext ?? {};
    require(sc.readOnlyRootFilesystem === true, at, "readOnlyRootFilesystem must be true");
    require(sc.allowPrivilegeEscalation === false, at, "allowPrivilegeEscalation must be false");
    require(sc.capabilities?.drop?.includes("ALL"), at, "capabilities must drop ALL");
    require(c.resources?.requests?.cpu && c.resources?.requests?.memory && c.resources?.limits?.memory, at, "needs cpu and memory requests and a memory limit");
    require((c.volumeMounts ?? []).some((m) => m.mountPath === "/tmp" && emptyDirs.has(m.name)), at, "needs an emptyDir at /tmp");
    if (doc.kind === "Deployment") {
      for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) require(c[probe], at, `needs a ${probe}`);
    }
  }
}

function isDefaultDeny(doc) {
  return (
    doc.kind === "NetworkPolicy" &&
    Object.keys(doc.spec?.podSelector ?? {}).length === 0 &&
    ["Ingress", "Egress"].every((t) => doc.spec?.policyTypes?.includes(t)) &&
    !doc.spec.ingress?.length &&
    !doc.spec.egress?.length
  );
}
