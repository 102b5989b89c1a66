import { UsageError } from "../errors.js";
import { hubEndpoint } from "../verify.js";
import { HUB_REPO_TYPES, isHubName, parseHubRepo, type HubRepoType } from "../sources/hub-repos.js";
import type { HubCliOptions } from "./program.js";
import type { Output } from "./output.js";
import { scanCommand } from "./scan-command.js";

/** `hf-lint hub`: the scan, over repositories published on the Hub instead of the file system. */
export async function hubCommand(repos: string[], options: HubCliOptions, output: Output): Promise<number> {
  const { author, type = [], revision, history, discussions, requestTimeout, ...scanOptions } = options;
  if (repos.length === 0 && author === undefined) throw new UsageError("hub needs repositories (owner/name, datasets/owner/name, spaces/owner/name) or --author");
  if (author !== undefined && !isHubName(author)) throw new UsageError(`--author takes a user or organization name, not ${author}`);
  if (type.length > 0 && author === undefined) throw new UsageError("--type needs --author");
  for (const value of type) {
    if (!(HUB_REPO_TYPES as readonly string[]).includes(value)) throw new UsageError(`--type takes model, dataset or space, not ${value}`);
  }
  if (revision === "") throw new UsageError("--revision needs a branch, tag or commit");
  const accessToken = process.env["HF_TOKEN"] || undefined;
  // The client refuses other tokens with a stack trace; the value itself is never echoed.
  if (accessToken && !accessToken.startsWith("hf_")) throw new UsageError("HF_TOKEN must be a Hugging Face access token (hf_…)");
  const hub = {
    repos: repos.map(parseHubRepo),
    author,
    types: type as HubRepoType[],
    revision,
    history,
    discussions,
    endpoint: hubEndpoint(),
    accessToken,
    timeoutMs: requestTimeout,
    progress: process.stderr.isTTY === true,
  };
  return scanCommand([], scanOptions, output, { hub, alwaysRedact: accessToken ? [accessToken] : [] });
}
