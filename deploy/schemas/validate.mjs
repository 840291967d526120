// Validates Kubernetes resources against the Kubernetes API's schemas and the operators' CRD
// schemas, as the kubernetes-models packages (package.json) carry them: node validate.mjs FILE,
// FILE a JSON array of resources. Prints a JSON array: one entry per resource, with its errors,
// or "unknown" when no package here models its kind.
import { readFileSync } from "node:fs";

const packages = [
  ["kubernetes-models", (group, version) => (group ? `${group}/${version}` : version)],
  ["@kubernetes-models/knative", (group, version) => `${group}/${version}`],
  ["@kubernetes-models/keda", (group, version) => `${group}/${version}`],
  ["@kubernetes-models/strimzi-kafka-operator", (group, version) => `${group}/${version}`],
  ["@kubernetes-models/cloudnative-pg", (group, version) => `${group}/${version}`],
];

async function model(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  for (const [name, path] of packages) {
    try {
      const module = await import(`${name}/${path(group, version)}/${kind}`);
      return module[kind];
    } catch (missing) {
      // Not in this package: try the next.
    }
  }
  return null;
}

const resources = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = [];
for (const resource of resources) {
  const entry = { apiVersion: resource.apiVersion, kind: resource.kind, name: resource.metadata?.name };
  const Model = await model(resource.apiVersion, resource.kind);
  if (!Model) {
    entry.unknown = true;
  } else {
    try {
      new Model(resource).validate();
      entry.valid = true;
    } catch (error) {
      entry.errors = (error.errors ?? [error]).map((e) => `${e.instancePath ?? ""} ${e.message}`.trim());
    }
  }
  results.push(entry);
}
console.log(JSON.stringify(results));
