/**
 * What a maker meets in Power Automate (Power Platform notes §2.1): the action card's fields, labelled with
 * `x-ms-summary` (else the name; nested fields after their parent's label), placed by `x-ms-visibility`
 * (important first, advanced behind "Show advanced options", internal not at all), and the outputs offered as
 * dynamic content under the same kind of labels.
 */
import type { InputField, OutputContract, OutputField, Visibility } from "./contract.js";
import { inputRole } from "./power-fx.js";

export type Placement = "important" | "normal" | "advanced" | "hidden";

export interface CardField {
  readonly input: InputField;
  /** What the card shows: `Work order Title`. */
  readonly label: string;
  readonly placement: Placement;
  readonly required: boolean;
  /** 0 for top-level inputs, 1 for their fields, … */
  readonly depth: number;
}

const ORDER: readonly Placement[] = ["important", "normal", "advanced", "hidden"];

/** The card's fields in the order it shows them; hidden ones last (the platform may still send their default). */
export function actionCard(inputs: readonly InputField[]): CardField[] {
  const labels = new Map<string, string>();
  const placements = new Map<string, Placement>();
  const fields: CardField[] = [];
  for (const input of inputs) {
    const parentId = input.topLevel ? undefined : `${input.in}:${input.segments.slice(0, -1).filter((s) => s !== "[]").join("/")}`;
    const own = input.summary.trim() || input.name;
    const parentLabel = parentId ? labels.get(parentId) : undefined;
    const label = parentLabel ? `${parentLabel} ${own}` : own;
    labels.set(`${input.in}:${input.segments.filter((s) => s !== "[]").join("/")}`, label);
    const inherited = parentId ? placements.get(parentId) : undefined;
    const placement = inherited === "hidden" ? "hidden" : placementOf(input.visibility, inherited);
    placements.set(`${input.in}:${input.segments.filter((s) => s !== "[]").join("/")}`, placement);
    const role = inputRole(input);
    fields.push({ input, label, placement, required: role === "required", depth: input.segments.filter((s) => s !== "[]").length - 1 });
  }
  // Top-level fields move as a group with their nested ones.
  const groups: CardField[][] = [];
  for (const field of fields) {
    if (field.depth === 0 || groups.length === 0) groups.push([field]);
    else groups[groups.length - 1]!.push(field);
  }
  const rank = (g: CardField[]) => ORDER.indexOf(g[0]!.placement === "normal" && g[0]!.required ? "important" : g[0]!.placement);
  return groups.map((g, i) => ({ g, i })).sort((a, b) => rank(a.g) - rank(b.g) || a.i - b.i).flatMap(({ g }) => g);
}

function placementOf(visibility: Visibility, inherited: Placement | undefined): Placement {
  if (visibility === "internal") return "hidden";
  if (visibility === "important" || visibility === "advanced") return visibility;
  return inherited === "advanced" ? "advanced" : "normal";
}

export interface DynamicContent {
  readonly field: OutputField;
  /** The token's label: `x-ms-summary`, else the property name, after its parent's label; `Body` for the root. */
  readonly label: string;
  /** Internal outputs (and everything under them) are not offered. */
  readonly hidden: boolean;
}

export function dynamicContent(output: OutputContract): DynamicContent[] {
  const out: DynamicContent[] = [];
  const labels = new Map<string, string>();
  const hidden = new Set<string>();
  for (const field of output.fields.values()) {
    const segments = field.path === "" ? [] : field.path.split("/");
    const parent = segments.slice(0, -1).join("/");
    const last = segments[segments.length - 1];
    const own = field.summary.trim() || (last === undefined ? "Body" : last === "[]" ? "Item" : last);
    const parentLabel = segments.length > 1 ? labels.get(parent) : undefined;
    // An array's items take the array's label: `Tags Item` for strings, `Value ID` for the fields of records.
    const label = last === "[]" ? (field.summary.trim() || (parentLabel ?? labels.get(parent) ?? "Body")) : parentLabel && parentLabel !== "Body" ? `${parentLabel} ${own}` : own;
    labels.set(field.path, last === "[]" && field.type !== "object" && field.type !== "" ? `${label} Item` : label);
    const isHidden = field.visibility === "internal" || (segments.length > 0 && hidden.has(parent));
    if (isHidden) hidden.add(field.path);
    out.push({ field, label: labels.get(field.path)!, hidden: isHidden });
  }
  return out;
}
