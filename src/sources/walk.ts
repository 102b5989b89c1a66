import { existsSync, lstatSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import fg from "fast-glob";
import type { Ignore } from "ignore";
import { toPosix } from "../paths.js";
import { NOT_APPLIED, boundedIgnore } from "./bounded-ignore.js";
import { displayName } from "./names.js";
import type { DiskEntry, DiskListing } from "./types.js";

/** Never walked into outside git, as ESLint does: installed dependencies and git's own data. */
const SKIPPED_DIRECTORIES = ["**/node_modules/**", "**/.git/**"];

/**
 * Outside git: the files and directories given (the root when none), each directory walked
 * minus what the .gitignore files at any depth ignore (each applies to its own directory and
 * below, as in git). A file named on the command line is always read, and marked when a
 * .gitignore covers it. Symbolic links are not followed. Entry paths are relative to the root,
 * so a target outside it reads `../…`.
 */
export async function listDirectory(root: string, targets: string[], onWarning?: (message: string) => void): Promise<DiskListing> {
  const gitignores = new Gitignores(onWarning);
  const entries = new Map<string, DiskEntry>(); // targets may overlap
  const add = (path: string, ignored: boolean): void => {
    const relativePath = toPosix(relative(root, path));
    entries.set(relativePath, { path: relativePath, status: "unversioned", ...(ignored ? { ignored } : {}) });
  };
  const addBytes = (bytes: Buffer): void => {
    const path = displayName(bytes).replace(/^\.\//, "");
    entries.set(path, { path, status: "unversioned", bytes });
  };
  for (const target of targets.length > 0 ? targets : [root]) {
    // .gitignore files above the target count up to the root, when the target is below it.
    const inRoot = !relative(root, target).startsWith("..");
    if (lstatSync(target).isDirectory()) {
      const top = inRoot ? root : target;
      // Directories are listed too, for the one case fast-glob cannot descend: a name that is not UTF-8.
      const files = await fg(["**"], { cwd: target, dot: true, onlyFiles: false, markDirectories: true, followSymbolicLinks: false, ignore: SKIPPED_DIRECTORIES });
      const prefix = Buffer.from(`${relative(root, target) || "."}/`);
      for (const file of files) {
        const path = join(target, file);
        if (file.endsWith("/") ? !file.includes("\uFFFD") : gitignores.ignores(path, top)) continue;
        // A name that is not UTF-8 reaches fast-glob decoded with U+FFFD, which opens nothing: find its bytes.
        if (!file.includes("\uFFFD")) add(path, false);
        else if (!file.endsWith("/")) for (const bytes of nameBytes(target, file)) addBytes(Buffer.concat([prefix, bytes]));
        // Such a directory fast-glob could not read: all that is below it, read as bytes.
        else for (const bytes of nameBytes(target, file.slice(0, -1))) for (const inside of filesBelow(target, bytes)) addBytes(Buffer.concat([prefix, inside]));
      }
    } else {
      add(target, gitignores.ignores(target, inRoot ? root : dirname(target)));
    }
  }
  return { root, entries: [...entries.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

/**
 * The byte names (relative to `dir`) of the files whose lossy UTF-8 reading is `lossy`: each
 * component with U+FFFD is looked up among its directory's entries read as bytes. Several byte
 * names can read the same; all are returned.
 */
function nameBytes(dir: string, lossy: string): Buffer[] {
  let candidates: Buffer[] = [Buffer.alloc(0)];
  for (const component of lossy.split("/")) {
    candidates = candidates.flatMap((prefix) => {
      const under = (name: Buffer): Buffer => (prefix.length === 0 ? name : Buffer.concat([prefix, Buffer.from("/"), name]));
      if (!component.includes("\uFFFD")) return [under(Buffer.from(component))];
      const parent = Buffer.concat([Buffer.from(`${dir}${sep}`), prefix]);
      return readdirSync(parent, { encoding: "buffer" }).filter((name) => name.toString("utf8") === component).map(under);
    });
  }
  return candidates;
}

/** Every file below `dir`/`relativeDir` (names as bytes, relative to `dir`), minus node_modules and .git. */
function filesBelow(dir: string, relativeDir: Buffer): Buffer[] {
  const files: Buffer[] = [];
  const entries = readdirSync(Buffer.concat([Buffer.from(`${dir}${sep}`), relativeDir]), { encoding: "buffer", withFileTypes: true });
  for (const entry of entries) {
    const path = Buffer.concat([relativeDir, Buffer.from("/"), entry.name]);
    if (entry.isFile()) files.push(path);
    else if (entry.isDirectory() && !["node_modules", ".git"].includes(entry.name.toString())) files.push(...filesBelow(dir, path));
  }
  return files;
}

/** The .gitignore files of directories, each read once. */
class Gitignores {
  constructor(private readonly onWarning?: (message: string) => void) {}

  private readonly byDirectory = new Map<string, Pick<Ignore, "test"> | null>();

  /** Whether the .gitignore files from the file's directory up to `top` ignore it; the deepest verdict wins. */
  ignores(path: string, top: string): boolean {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const verdict = this.matcher(dir)?.test(toPosix(relative(dir, path)));
      if (verdict?.ignored) return true;
      if (verdict?.unignored || dir === top || dir === dirname(dir)) return false;
    }
  }

  private matcher(dir: string): Pick<Ignore, "test"> | null {
    let matcher = this.byDirectory.get(dir);
    if (matcher === undefined) {
      const file = join(dir, ".gitignore");
      if (existsSync(file)) {
        const bounded = boundedIgnore(readFileSync(file, "utf8"));
        for (const pattern of bounded.dropped) this.onWarning?.(`${file}: ${NOT_APPLIED}${pattern}`);
        matcher = bounded.matcher;
      } else matcher = null;
      this.byDirectory.set(dir, matcher);
    }
    return matcher;
  }
}
