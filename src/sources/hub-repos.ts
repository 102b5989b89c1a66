import { UsageError } from "../errors.js";

/** The repository kinds the Hub serves files and discussions for. */
export const HUB_REPO_TYPES = ["model", "dataset", "space"] as const;
export type HubRepoType = (typeof HUB_REPO_TYPES)[number];

/** A repository on the Hub: `name` is `owner/name`. */
export interface HubRepo {
  type: HubRepoType;
  name: string;
}

/** Hub names: letters, digits, `-`, `_`, `.` (no leading `.` or `-`, no `..`). */
const NAME = /^(?![.-])(?!.*\.\.)[\w.-]+$/;

export function isHubName(value: string): boolean {
  return NAME.test(value);
}

const PREFIXES: Record<string, HubRepoType> = { models: "model", datasets: "dataset", spaces: "space" };

/** `owner/name` (a model), `datasets/owner/name`, `spaces/owner/name` (also `models/owner/name`). */
export function parseHubRepo(argument: string): HubRepo {
  const parts = argument.split("/");
  const prefix = PREFIXES[parts[0] as string];
  // The prefixes are no user's name on the Hub: `spaces/alice` is a Space without its name.
  const type = parts.length === 3 ? prefix : parts.length === 2 && !prefix ? "model" : undefined;
  const [owner, name] = parts.slice(-2);
  if (!type || !isHubName(owner ?? "") || !isHubName(name ?? "")) {
    throw new UsageError(`${argument} is not a repository: use owner/name (a model), datasets/owner/name or spaces/owner/name`);
  }
  return { type, name: `${owner}/${name}` };
}

/** How the Hub's URLs and hf:// paths name a repository: models without a prefix. */
export function repoLabel(repo: HubRepo): string {
  return repo.type === "model" ? repo.name : `${repo.type}s/${repo.name}`;
}

/** A finding's `file`: `hf://<type>s/owner/name/<path>` (models: `hf://owner/name/<path>`). */
export function hfPath(repo: HubRepo, path: string): string {
  return `hf://${repoLabel(repo)}/${path}`;
}
