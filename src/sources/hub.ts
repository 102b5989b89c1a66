import { downloadFile, listCommits, type CommitData, listDatasets, listFiles, listModels, listSpaces } from "@huggingface/hub";
import { failureReason, hubFetch } from "./hub-fetch.js";
import { readDiscussions, type HubAccess } from "./hub-discussions.js";
import { HUB_REPO_TYPES, hfPath, repoLabel, type HubRepo, type HubRepoType } from "./hub-repos.js";
import { HubProgress } from "./hub-progress.js";
import type { CommitInfo, SourceItem } from "./types.js";

/**
 * Files (and optionally discussions) of repositories published on the Hub, read through
 * @huggingface/hub. Only what the tree listing shows as a small regular file is downloaded:
 * LFS/Xet-stored files (model weights) and files over the size limit never are.
 */

export interface HubScanOptions {
  /** Repositories named one by one. */
  repos?: HubRepo[];
  /** Every repository of this user or organization (of `types`). */
  author?: string;
  /** With `author`; default all three. */
  types?: HubRepoType[];
  /** Branch, tag or commit; default `main`. */
  revision?: string;
  /** Every file version that the commits of `revision` wrote, not only the last. */
  history?: boolean;
  /** Also discussion and pull-request titles and comments. */
  discussions?: boolean;
  /** The Hub, without a trailing slash. */
  endpoint: string;
  /** For private repositories (HF_TOKEN). */
  accessToken?: string;
  /** Per request, milliseconds. */
  timeoutMs?: number;
  /** Whether to show progress (on stderr). */
  progress?: boolean;
}

export interface HubSourceOptions extends HubScanOptions {
  maxFileSize: number;
  isIgnored: (path: string) => boolean;
  /** A repository that could not be read (or read only in part), with the reason. */
  onWarning?: (message: string) => void;
}

export const DEFAULT_HUB_TIMEOUT_MS = 30_000;
/** Requests in flight at once: enough to hide latency, few enough not to be rate limited. */
const REQUESTS_IN_FLIGHT = 6;

/** A file version to fetch. */
interface Wanted {
  repo: HubRepo;
  path: string;
  revision: string;
  size: number;
  /** The blob id, when the listing gives one. */
  oid?: string;
  commit?: CommitInfo;
  /** Stored with LFS or Xet. */
  external: boolean;
}

type Job = { item: SourceItem } | { wanted: Wanted };

interface TreeFile {
  path: string;
  size: number;
  oid?: string;
  lfs?: unknown;
  xetHash?: string;
}

/** The options with the request timeout settled. */
type Settled = HubSourceOptions & { timeoutMs: number };

export async function* readHub(given: HubSourceOptions): AsyncGenerator<SourceItem> {
  const options: Settled = { ...given, timeoutMs: given.timeoutMs ?? DEFAULT_HUB_TIMEOUT_MS };
  const { timeoutMs } = options;
  const access: HubAccess = { hubUrl: options.endpoint, accessToken: options.accessToken, fetch: hubFetch({ timeoutMs }) };
  const warn = (message: string): void => options.onWarning?.(message);
  const progress = new HubProgress(options.progress ?? false);
  const { repos, listed } = await selectRepos(options, access, warn);
  progress.total(repos.length);
  let readable = 0;

  async function* jobs(): AsyncGenerator<Job> {
    for (const repo of repos) {
      try {
        const listed = options.history ? await historyFiles(repo, options, access, warn) : await currentFiles(repo, options, access);
        readable++;
        for (const wanted of listed) if (!options.isIgnored(wanted.path)) yield fileJob(wanted, options);
      } catch (error) {
        warn(`cannot read ${repoLabel(repo)}: ${failureReason(error, timeoutMs)}${hint(error, options)}`);
      }
      if (options.discussions) {
        try {
          for await (const { path, text } of readDiscussions(repo, access)) {
            yield { item: { file: { path: hfPath(repo, path), status: "committed", content: Buffer.from(text) } } };
          }
        } catch (error) {
          warn(`cannot read the discussions of ${repoLabel(repo)}: ${failureReason(error, timeoutMs)}`);
        }
      }
      progress.repositoryDone();
    }
  }

  const fetchOne = async (job: Job): Promise<SourceItem> => {
    const item = "item" in job ? job.item : await download(job.wanted, access, options.maxFileSize, timeoutMs);
    progress.fileDone();
    return item;
  };
  try {
    yield* inOrder(jobs(), REQUESTS_IN_FLIGHT, fetchOne);
  } finally {
    progress.end();
  }
  if (readable === 0) {
    throw new Error(repos.length === 0 && listed ? `no repositories found for ${options.author}` : "no repository could be read");
  }
}

/**
 * The repositories named, then those of the author, each once; `listed` says whether every
 * listing answered (one that fails is a warning).
 */
async function selectRepos(options: Settled, access: HubAccess, warn: (message: string) => void): Promise<{ repos: HubRepo[]; listed: boolean }> {
  const repos = new Map((options.repos ?? []).map((repo) => [repoLabel(repo), repo]));
  let listed = true;
  if (!options.author) return { repos: [...repos.values()], listed };
  const search = { search: { owner: options.author }, hubUrl: access.hubUrl, accessToken: access.accessToken, fetch: access.fetch };
  const list = (type: HubRepoType): AsyncIterable<{ name: string }> =>
    type === "model" ? listModels(search) : type === "dataset" ? listDatasets(search) : listSpaces(search);
  for (const type of options.types?.length ? options.types : HUB_REPO_TYPES) {
    try {
      for await (const { name } of list(type)) repos.set(repoLabel({ type, name }), { type, name });
    } catch (error) {
      listed = false;
      warn(`cannot list the ${type}s of ${options.author}: ${failureReason(error, options.timeoutMs)}`);
    }
  }
  return { repos: [...repos.values()], listed };
}

/** Private repositories answer 401, or 404 "Repository not found", to anonymous requests. */
function hint(error: unknown, options: HubScanOptions): string {
  const { statusCode: status, message } = error as { statusCode?: unknown; message?: unknown };
  const hidden = status === 401 || status === 403 || (status === 404 && /repository not found/i.test(String(message)));
  return hidden && !options.accessToken ? " (a private repository needs HF_TOKEN)" : "";
}

async function* treeFiles(repo: HubRepo, revision: string, access: HubAccess): AsyncGenerator<TreeFile> {
  const tree = listFiles({ repo, revision: encodeURIComponent(revision), recursive: true, ...access });
  for await (const entry of tree) if (entry.type === "file") yield entry;
}

async function currentFiles(repo: HubRepo, options: HubScanOptions, access: HubAccess): Promise<Wanted[]> {
  const revision = options.revision ?? "main";
  const files: Wanted[] = [];
  for await (const file of treeFiles(repo, revision, access)) files.push({ repo, path: file.path, revision, size: file.size, external: isExternal(file) });
  return files;
}

/**
 * Every file version that the commits wrote: each commit's tree is listed (several at a time),
 * and a version (path and blob id) is fetched once, at the oldest commit that has it. Newest
 * first, like git log, so that the collector keeps each secret's oldest commit.
 */
async function historyFiles(repo: HubRepo, options: Settled, access: HubAccess, warn: (message: string) => void): Promise<Wanted[]> {
  const commits = listCommits({ repo, revision: encodeURIComponent(options.revision ?? "main"), ...access });
  const listTree = async (commit: CommitData): Promise<Wanted[]> => {
    const info: CommitInfo = { commit: commit.oid, author: commit.authors.map((author) => author.username).join(", "), date: commit.date.toISOString() };
    const written: Wanted[] = [];
    try {
      for await (const file of treeFiles(repo, commit.oid, access)) {
        written.push({ repo, path: file.path, revision: commit.oid, size: file.size, oid: file.oid, commit: info, external: isExternal(file) });
      }
    } catch (error) {
      warn(`cannot read commit ${commit.oid} of ${repoLabel(repo)}: ${failureReason(error, options.timeoutMs)}`);
    }
    return written;
  };
  const versions = new Map<string, Wanted>();
  const order: Wanted[] = [];
  for await (const written of inOrder(commits, REQUESTS_IN_FLIGHT, listTree)) {
    for (const wanted of written) {
      // An older commit with the same version replaces a newer one.
      versions.set(`${wanted.path}\0${wanted.size}\0${wanted.oid}`, wanted);
      order.push(wanted);
    }
  }
  const kept = new Set(versions.values());
  return order.filter((wanted) => kept.has(wanted));
}

/** LFS and Xet files keep their content outside git: large or binary, never downloaded. */
function isExternal(file: TreeFile): boolean {
  return Boolean(file.lfs || file.xetHash);
}

function fileJob(wanted: Wanted, options: HubSourceOptions): Job {
  const path = hfPath(wanted.repo, wanted.path);
  if (wanted.size > options.maxFileSize) return { item: { skipped: "tooLarge", path } };
  if (wanted.external) return { item: { skipped: "binary", path } };
  // An empty file has nothing to download (and a range request on it fails), but file rules apply.
  if (wanted.size === 0) return { item: { file: { path, status: "committed", content: Buffer.alloc(0) }, commit: wanted.commit } };
  return { wanted };
}

/**
 * One request per file: the tree listing already said how large it is and that git stores it
 * (not LFS or Xet), which is all the client's probe (fileDownloadInfo) would ask first. The raw
 * URL is the one that probe builds; a file that turns out larger than said is still dropped.
 */
async function download(wanted: Wanted, access: HubAccess, maxFileSize: number, timeoutMs: number): Promise<SourceItem> {
  const path = hfPath(wanted.repo, wanted.path);
  const encodedPath = wanted.path.split("/").map(encodeURIComponent).join("/");
  const url = `${access.hubUrl}/${repoLabel(wanted.repo)}/raw/${encodeURIComponent(wanted.revision)}/${encodedPath}`;
  try {
    const blob = await downloadFile({
      repo: wanted.repo, path: encodedPath, revision: wanted.revision, raw: true, xet: false, ...access,
      downloadInfo: { size: wanted.size, etag: wanted.oid ?? "", url },
    });
    if (!blob) return { skipped: "unreadable", path, error: "not found" };
    const content = Buffer.from(await blob.arrayBuffer());
    if (content.length > maxFileSize) return { skipped: "tooLarge", path };
    return { file: { path, status: "committed", content }, commit: wanted.commit };
  } catch (error) {
    return { skipped: "unreadable", path, error: failureReason(error, timeoutMs) };
  }
}

/** `work` over `items` with at most `limit` running, results in the items' order. */
export async function* inOrder<T, R>(items: AsyncIterable<T>, limit: number, work: (item: T) => Promise<R>): AsyncGenerator<R> {
  const running: Promise<R>[] = [];
  for await (const item of items) {
    running.push(work(item));
    if (running.length >= limit) yield await (running.shift() as Promise<R>);
  }
  while (running.length > 0) yield await (running.shift() as Promise<R>);
}
