/**
 * A stand-in for the Hugging Face Hub on 127.0.0.1, serving the part of its API that
 * `hf-lint hub` uses, in the shapes @huggingface/hub and huggingface_hub read: repository
 * listings, recursive trees, commits (all paginated with Link headers), raw files with range
 * requests, discussions, and whoami-v2 (for --verify: only the user's token is live).
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeRepoType = "model" | "dataset" | "space";

export interface FakeFile {
  content?: string;
  /** Stored with LFS: listed with its `lfs` metadata, and any request for it is recorded. */
  lfs?: { size: number };
  /** Stored with Xet, listed with a `xetHash` only. */
  xet?: { size: number };
}

export interface FakeCommit {
  id: string;
  title: string;
  author: string;
  date: string;
  /** The whole tree at this commit. */
  files: Record<string, FakeFile>;
}

export interface FakeComment {
  id: string;
  raw: string;
}

export interface FakeDiscussion {
  num: number;
  title: string;
  comments: FakeComment[];
}

export interface FakeRepo {
  type: FakeRepoType;
  name: string;
  private?: boolean;
  /** Newest first; the first is `main`. */
  commits: FakeCommit[];
  discussions?: FakeDiscussion[];
}

export interface FakeHubOptions {
  repos: FakeRepo[];
  /** The token that opens private repositories. */
  token: string;
  /** Items per page of every listing (small, so that pagination is exercised). */
  pageSize?: number;
  /** Request paths answered 429 (with this Retry-After) the first `times` times. */
  rateLimited?: Record<string, { retryAfter: string; times: number }>;
  /** Request paths never answered. */
  hanging?: string[];
}

export interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  range: string | undefined;
}

export interface FakeHub {
  endpoint: string;
  requests: RecordedRequest[];
  close(): void;
}

const TYPES: Record<string, FakeRepoType> = { models: "model", datasets: "dataset", spaces: "space" };

function sha(text: string, length = 40): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(body));
}

/** One page of `items`, with the Link header to the next one, as the Hub paginates. */
function paged(response: ServerResponse, url: URL, items: unknown[], pageSize: number): void {
  const cursor = Number(url.searchParams.get("cursor") ?? "0");
  const headers: Record<string, string> = {};
  if (cursor + pageSize < items.length) {
    const next = new URL(url);
    next.searchParams.set("cursor", String(cursor + pageSize));
    headers["link"] = `<${next.href}>; rel="next"`;
  }
  json(response, 200, items.slice(cursor, cursor + pageSize), headers);
}

function treeEntries(files: Record<string, FakeFile>): unknown[] {
  const directories = new Set<string>();
  const entries: unknown[] = [];
  for (const [path, file] of Object.entries(files).sort()) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const directory = parts.slice(0, i).join("/");
      if (!directories.has(directory)) entries.push({ type: "directory", oid: sha(directory), size: 0, path: directory });
      directories.add(directory);
    }
    if (file.lfs) {
      const oid = sha(path, 64);
      entries.push({ type: "file", oid: sha(`pointer ${path}`), size: file.lfs.size, path, lfs: { oid, size: file.lfs.size, pointerSize: 134 } });
    } else if (file.xet) {
      entries.push({ type: "file", oid: sha(`pointer ${path}`), size: file.xet.size, path, xetHash: sha(path, 64) });
    } else {
      const content = file.content ?? "";
      entries.push({ type: "file", oid: sha(`blob ${content}`), size: Buffer.byteLength(content), path });
    }
  }
  return entries;
}

export async function startFakeHub(options: FakeHubOptions): Promise<FakeHub> {
  const pageSize = options.pageSize ?? 2;
  const requests: RecordedRequest[] = [];
  const limited = new Map(Object.entries(options.rateLimited ?? {}).map(([path, rule]) => [path, { ...rule }]));
  const find = (type: FakeRepoType, name: string): FakeRepo | undefined =>
    options.repos.find((repo) => repo.type === type && repo.name === name);

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    url.host = request.headers.host ?? url.host;
    const path = decodeURIComponent(url.pathname);
    requests.push({ path, authorization: request.headers.authorization, range: request.headers.range });
    if (options.hanging?.includes(path)) return;
    const rule = limited.get(path);
    if (rule && rule.times > 0) {
      rule.times--;
      return json(response, 429, { error: "rate limited" }, { "retry-after": rule.retryAfter });
    }
    const authorized = request.headers.authorization === `Bearer ${options.token}`;
    const visible = (repo: FakeRepo | undefined): repo is FakeRepo => repo !== undefined && (!repo.private || authorized);

    if (path === "/api/whoami-v2") {
      if (!authorized) return json(response, 401, { error: "Invalid credentials in Authorization header" });
      return json(response, 200, { type: "user", name: "alice", auth: { accessToken: { displayName: "laptop", role: "write" } } });
    }
    const listing = /^\/api\/(models|datasets|spaces)$/.exec(path);
    if (listing) {
      const type = TYPES[listing[1] as string] as FakeRepoType;
      const author = url.searchParams.get("author");
      const repos = options.repos.filter((repo) => repo.type === type && visible(repo) && repo.name.startsWith(`${author}/`));
      const items = repos.map((repo) => ({
        _id: sha(repo.name, 24), id: repo.name, private: Boolean(repo.private), likes: 0, downloads: 0,
        gated: false, lastModified: repo.commits[0]?.date, ...(type === "space" ? { sdk: "gradio" } : {}),
      }));
      return paged(response, url, items, pageSize);
    }

    const api = /^\/api\/(models|datasets|spaces)\/([^/]+\/[^/]+)\/(tree|commits|discussions)(?:\/([^/]+))?$/.exec(path);
    if (api) {
      const repo = find(TYPES[api[1] as string] as FakeRepoType, api[2] as string);
      if (!visible(repo)) return notFound(response, repo !== undefined);
      const [, , , kind, argument] = api;
      if (kind === "discussions") return discussions(response, url, repo, argument);
      const commitIndex = argument === "main" ? 0 : repo.commits.findIndex((commit) => commit.id === argument);
      const commit = repo.commits[commitIndex];
      if (!commit) return json(response, 404, { error: "Invalid rev id" }, { "x-error-code": "RevisionNotFound" });
      if (kind === "tree") return paged(response, url, treeEntries(commit.files), pageSize);
      const commits = repo.commits.slice(commitIndex).map((c) => ({
        id: c.id, title: c.title, message: "", authors: [{ user: c.author, avatar: "" }], date: c.date,
      }));
      return paged(response, url, commits, pageSize);
    }

    const raw = /^\/(?:(datasets|spaces)\/)?([^/]+\/[^/]+)\/raw\/([^/]+)\/(.+)$/.exec(path);
    if (raw) {
      const repo = find(raw[1] ? (TYPES[raw[1]] as FakeRepoType) : "model", raw[2] as string);
      if (!visible(repo)) return notFound(response, repo !== undefined);
      const commit = raw[3] === "main" ? repo.commits[0] : repo.commits.find((c) => c.id === raw[3]);
      const file = commit?.files[raw[4] as string];
      if (!file) return json(response, 404, { error: "Entry not found" }, { "x-error-code": "EntryNotFound" });
      const body = Buffer.from(file.content ?? "version https://git-lfs.github.com/spec/v1\n");
      const etag = `"${sha(body.toString("latin1"))}"`;
      if (request.headers.range === "bytes=0-0") {
        return void response.writeHead(206, { "content-range": `bytes 0-0/${body.length}`, etag, "content-length": "1" }).end(body.subarray(0, 1));
      }
      return void response.writeHead(200, { etag, "content-length": String(body.length) }).end(body);
    }
    json(response, 404, { error: "Not found" });
  }

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** Private and missing repositories look alike to those who may not see them. */
function notFound(response: ServerResponse, exists: boolean): void {
  if (exists) return json(response, 401, { error: "Invalid credentials in Authorization header" });
  json(response, 404, { error: "Repository not found" }, { "x-error-code": "RepoNotFound" });
}

function discussions(response: ServerResponse, url: URL, repo: FakeRepo, num: string | undefined): void {
  const all = repo.discussions ?? [];
  if (num === undefined) {
    const page = Number(url.searchParams.get("p") ?? "0");
    const start = page; // one discussion per page
    const items = all.slice(start, start + 1).map((d) => ({
      num: d.num, title: d.title, status: "open", isPullRequest: false, author: { name: "bob" },
      createdAt: "2024-01-01T00:00:00.000Z", repo: { name: repo.name, type: repo.type }, pinned: false, numComments: d.comments.length,
    }));
    return json(response, 200, { discussions: items, count: all.length, start, numItemsPerPage: 1 });
  }
  const discussion = all.find((d) => d.num === Number(num));
  if (!discussion) return json(response, 404, { error: "Discussion not found" });
  json(response, 200, {
    num: discussion.num, title: discussion.title, status: "open", isPullRequest: false, author: { name: "bob" },
    createdAt: "2024-01-01T00:00:00.000Z",
    events: discussion.comments.map((comment) => ({
      id: comment.id, type: "comment", author: { name: "bob" }, createdAt: "2024-01-02T00:00:00.000Z",
      data: { edited: false, hidden: false, numEdits: 0, latest: { raw: comment.raw, html: `<p>${comment.raw}</p>`, updatedAt: "2024-01-02T00:00:00.000Z" } },
    })),
  });
}
