// Checks gazette-server's OpenAPI description: that it is valid OpenAPI 3.1, and that every
// response recorded by the server tests (GAZETTE_RECORD_RESPONSES) is one it describes: a known
// path and method, a listed status, the content type it names, and a JSON body that matches
// its schema.
// Usage: node validate.mjs OPENAPI_JSON RECORDINGS_DIR
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [specPath, recordings] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(specPath, "utf8"));

const problems = [];
const fail = (message) => problems.push(message);

// 1. The description itself.
const specCheck = await new Validator().validate(spec);
if (!specCheck.valid) {
  console.error("not valid OpenAPI 3.1:", JSON.stringify(specCheck.errors, null, 1));
  process.exit(1);
}

// 2. Every recorded response.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: "spec", components: spec.components });
const validators = new Map();
const validatorFor = (schema) => {
  const key = JSON.stringify(schema);
  if (!validators.has(key)) {
    // References point into the components of the description ("#/components/..." there).
    const rewritten = JSON.parse(key.replaceAll('"#/components/', '"spec#/components/'));
    validators.set(key, ajv.compile(rewritten));
  }
  return validators.get(key);
};
const resolve = (item) => {
  while (item && item.$ref) {
    item = item.$ref.replace(/^#\//, "").split("/").reduce((node, part) => node[part.replaceAll("~1", "/")], spec);
  }
  return item;
};

const templates = Object.keys(spec.paths).map((template) => ({
  template,
  pattern: new RegExp("^" + template.replace(/\{[^}]+\}/g, "[^/]+").replace(/[.]/g, "\\.") + "$"),
}));
const pathOf = (target) => {
  const path = target.split("?")[0];
  return templates.find((t) => t.pattern.test(path))?.template;
};

const errorResponse = resolve({ $ref: "#/components/responses/NotFound" });
// Routes that tests/server/test_deadlines.cpp adds to its own server to hold workers busy: not
// part of the API, and answered by the test's handlers.
const testOnlyPaths = new Set(["/slow", "/count"]);
let checked = 0;
const seen = new Map(); // "METHOD template status" -> count
for (const file of readdirSync(recordings).filter((f) => f.endsWith(".jsonl"))) {
  for (const line of readFileSync(join(recordings, file), "utf8").split("\n")) {
    if (!line.trim()) continue;
    const r = JSON.parse(line);
    checked++;
    const where = `${r.method} ${r.target.slice(0, 120)} -> ${r.status}`;
    const template = pathOf(r.target);
    if (!template && testOnlyPaths.has(r.target.split("?")[0]) && r.status === 200) continue;
    let response;
    if (r.method === "OPTIONS") {
      // CORS preflight: 204 without a body, described with the protocol errors.
      if (r.status !== 204 && r.status >= 200 && r.status < 300) fail(`${where}: a preflight answers 204`);
      continue;
    }
    if (!template) {
      // Outside every path: only the route_not_found error (or a refusal of the request itself).
      response = r.status === 404 ? errorResponse : resolve(spec.components.responses.ProtocolError);
    } else {
      const operation = spec.paths[template][r.method === "HEAD" ? "get" : r.method.toLowerCase()];
      if (!operation) {
        response = r.status === 405 ? resolve({ $ref: "#/components/responses/MethodNotAllowed" }) : undefined;
        if (!response) fail(`${where}: no ${r.method} operation, and not a 405`);
      } else {
        response = resolve(operation.responses[String(r.status)] ?? operation.responses.default);
        if (!response) fail(`${where}: status not described`);
      }
      const key = `${r.method} ${template} ${r.status}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    if (!response) continue;
    const types = Object.keys(response.content ?? {});
    if (r.method === "HEAD" || r.status === 304 || r.status === 204 || types.length === 0) continue;
    const mediaType = (r.content_type ?? "").split(";")[0].trim();
    const described = types.find((t) => t === mediaType || t === "*/*");
    if (!described) {
      fail(`${where}: content type '${r.content_type}' is not one of ${types.join(", ")}`);
      continue;
    }
    if (described !== "application/json" || r.content_encoding) continue;
    let body;
    try {
      body = JSON.parse(r.body);
    } catch {
      fail(`${where}: the body is not JSON`);
      continue;
    }
    const validate = validatorFor(response.content[described].schema);
    if (!validate(body)) fail(`${where}: ${ajv.errorsText(validate.errors)}`);
  }
}

console.log(`${checked} responses checked against ${specPath}`);
for (const [key, count] of [...seen].sort()) console.log(`  ${key}: ${count}`);
if (checked < 100) fail(`only ${checked} responses recorded: were the server tests run with GAZETTE_RECORD_RESPONSES?`);
for (const p of problems.slice(0, 50)) console.error("FAIL - " + p);
if (problems.length) {
  console.error(`${problems.length} response(s) do not match the description`);
  process.exit(1);
}
