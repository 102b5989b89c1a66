/** The formats are an explicit list (src/reporters/load.ts), and every reporter module is on it. */
import { readdirSync } from "node:fs";
import { expect, it } from "vitest";
import { availableFormats, loadReporter } from "../src/reporters/load.js";

const NOT_FORMATS = new Set(["load.ts", "types.ts"]);

it("lists every reporter module of src/reporters/, and each loads", async () => {
  const modules = readdirSync(new URL("../src/reporters/", import.meta.url))
    .filter((name) => name.endsWith(".ts") && !NOT_FORMATS.has(name))
    .map((name) => name.slice(0, -3));
  expect(availableFormats()).toEqual(modules.sort());
  for (const format of availableFormats()) expect(typeof (await loadReporter(format))).toBe("function");
});

it("refuses names that are not on the list, even modules of the folder", async () => {
  for (const name of ["load", "types", "xml", "../index", "constructor", "toString"]) {
    await expect(loadReporter(name)).rejects.toThrow(/unknown format/);
  }
});
