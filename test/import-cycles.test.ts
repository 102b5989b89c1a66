/** No module imports itself through others (type-only imports count: they tie the modules' designs together). */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const IMPORT = /^\s*(?:import|export)\s[^;]*?\sfrom\s+"(\.{1,2}\/[^"]+)"/gm;

function modules(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const folder of ["src", "rules"]) {
    for (const name of readdirSync(join(ROOT, folder), { recursive: true, encoding: "utf8" })) {
      if (!name.endsWith(".ts")) continue;
      const file = join(ROOT, folder, name);
      const targets = [...readFileSync(file, "utf8").matchAll(IMPORT)].map((match) =>
        resolve(dirname(file), (match[1] ?? "").replace(/\.js$/, ".ts")),
      );
      graph.set(file, targets);
    }
  }
  return graph;
}

/** The first cycle found by a depth-first walk, as relative paths, or null. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (file: string): string[] | null => {
    if (state.get(file) === "done") return null;
    if (state.get(file) === "open") return [...path.slice(path.indexOf(file)), file];
    state.set(file, "open");
    path.push(file);
    for (const target of graph.get(file) ?? []) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(file, "done");
    return null;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle.map((step) => relative(ROOT, step));
  }
  return null;
}

it("src/ and rules/ have no import cycle", () => {
  expect(findCycle(modules())).toBeNull();
});
