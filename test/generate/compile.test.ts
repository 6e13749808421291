import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { generate } from "../../scripts/generate/generate.js";
import { createSampleProject, repositoryRoot, type SampleProject } from "./sample-project.js";
import { typecheck } from "./typecheck.js";

async function tsFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith(".ts")).sort().map((f) => path.join(dir, f));
}

describe("generated code type-checks", () => {
  test("the project's generated/ and src/handlers/ compile under strict", async () => {
    const files = [...(await tsFiles(path.join(repositoryRoot, "generated"))), ...(await tsFiles(path.join(repositoryRoot, "src", "handlers")))];
    const result = typecheck(files);
    assert.deepEqual(result.errors, []);
  });

  describe("a handler that breaks its contract fails tsc", () => {
    let project: SampleProject;
    before(async () => {
      project = await createSampleProject();
      await generate({ root: project.root, runtime: project.runtime });
    });
    after(async () => {
      await project.remove();
    });

    const cases: { name: string; operation: string; body: string; error: RegExp | undefined }[] = [
      { name: "the stub as generated", operation: "GetWorkOrder", body: "", error: undefined },
      {
        name: "a correct handler",
        operation: "GetWorkOrder",
        body: `export const handler: GetWorkOrderHandler = async (request) =>
  request.path.workOrderId === "" ? { status: 404 } : { status: 200, body: { id: "1", title: "t", status: "new", priority: "low", customerName: "c", siteAddress: "s", createdAt: "x", updatedAt: "x" } };`,
        error: undefined,
      },
      { name: "a status the spec does not list", operation: "GetWorkOrder", body: "export const handler: GetWorkOrderHandler = async () => ({ status: 201 });", error: /not assignable/ },
      { name: "a body missing required fields", operation: "GetWorkOrder", body: 'export const handler: GetWorkOrderHandler = async () => ({ status: 200, body: { id: "1" } });', error: /not assignable|missing/ },
      { name: "an enum value outside the spec", operation: "ListWorkOrders", body: 'export const handler: ListWorkOrdersHandler = async (request) => { const s: "open" = request.query.status; return { status: 400 }; };', error: /not assignable/ },
      {
        name: "a response header of the wrong type",
        operation: "CreateWorkOrder",
        body: 'export const handler: CreateWorkOrderHandler = async (request) => ({ status: 201, body: { ...request.body, id: "1", status: "new", priority: "low", createdAt: "x", updatedAt: "x" }, headers: { Location: 5 } });',
        error: /'number' is not assignable to type 'string'/,
      },
      { name: "a query default makes the parameter present", operation: "ListWorkOrders", body: "export const handler: ListWorkOrdersHandler = async (request) => { const top: number = request.query.top; return { status: 400 }; };", error: undefined },
    ];
    for (const c of cases) {
      test(c.name, async () => {
        const file = path.join(project.handlers, `${c.operation}.ts`);
        const stub = await readFile(file, "utf8");
        if (c.body !== "") {
          await writeFile(file, `import type { ${c.operation}Handler } from "../../generated/handlers.js";\n${c.body}\n`);
        }
        const result = typecheck([path.join(project.generated, "registrations.ts")]);
        await writeFile(file, stub);
        if (c.error === undefined) assert.deepEqual(result.errors, []);
        else {
          assert.ok(result.errors.length > 0, "tsc reports an error");
          assert.ok(result.errors.some((e) => e.startsWith(file) && c.error!.test(e)), result.errors.join("\n"));
        }
      });
    }
  });
});
