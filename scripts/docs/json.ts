/**
 * The maker reference as JSON, for tools: `operations[]` each with `operationId` and `powerFx` (the example call,
 * or null where a canvas app cannot call the operation), the canvas signature and the flow card.
 */
import type { DocsReference, OperationDoc } from "./reference.js";

export function formatDocsJson(ref: DocsReference): string {
  const doc = {
    connector: {
      title: ref.title,
      description: ref.description,
      source: ref.source,
      dataSource: ref.dataSource,
      powerFxUnsupported: ref.unsupportedExtensions.length === 0 ? null : { extensions: ref.unsupportedExtensions },
    },
    operations: ref.operations.map(operation),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function operation(d: OperationDoc) {
  const op = d.operation;
  const sig = d.signature;
  const fields = d.returns?.fields ?? [];
  return {
    operationId: op.operationId,
    kind: d.kind,
    summary: op.summary,
    description: op.description,
    method: op.method.toUpperCase(),
    path: op.path,
    deprecated: op.deprecated,
    visibility: op.visibility || "normal",
    powerFx: d.example,
    canvas:
      d.example === null
        ? { callable: false, reason: sig.notCallable }
        : {
            callable: true,
            function: sig.functionName,
            call: d.call,
            behavior: sig.behavior,
            arguments: d.arguments.map((a) => ({
              name: a.argument.name,
              input: a.argument.input.name,
              in: a.argument.input.in,
              position: a.position,
              type: a.argument.type,
              ...(a.sample === undefined ? {} : { example: a.sample }),
              description: a.argument.input.description || a.argument.input.summary,
            })),
            placeholders: d.placeholders,
            automatic: sig.automatic.map((i) => ({ name: i.name, in: i.in, value: i.default })),
            returns: d.returns ? { type: d.returns.type, fields: fields.filter((f) => f.path !== "").map((f) => ({ field: f.fx, path: f.path, type: f.type, description: f.description })) } : null,
            problems: sig.problems,
          },
    flow: {
      card: d.card.map((f) => ({
        label: f.label,
        name: f.input.segments.join("/"),
        in: f.input.in,
        required: f.required,
        shown: f.placement,
        ...(f.input.enum ? { choices: f.input.enumNames.length > 0 ? f.input.enumNames : f.input.enum } : {}),
        ...(f.input.dynamicValues ? { dropDownFrom: f.input.dynamicValues } : {}),
        ...(f.input.hasDefault ? { default: f.input.default } : {}),
      })),
      dynamicContent: fields.filter((f) => f.dynamicContent !== undefined).map((f) => ({ label: f.dynamicContent, field: f.path, type: f.type })),
    },
  };
}
