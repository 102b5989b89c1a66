import { HubApiError } from "@huggingface/hub";
import type { HubRepo } from "./hub-repos.js";

/**
 * Discussion and pull-request titles and comments, through the Hub's REST endpoints (the
 * client has no discussion listing): `GET /api/<type>s/<repo>/discussions?p=<page>` and
 * `GET /api/<type>s/<repo>/discussions/<num>`, as huggingface_hub's get_repo_discussions and
 * get_discussion_details read them.
 */

export interface HubAccess {
  hubUrl: string;
  accessToken?: string;
  fetch: typeof fetch;
}

/** One piece of discussion text, named by its place: `discussions/<num>` or `discussions/<num>#<event>`. */
export interface DiscussionText {
  path: string;
  text: string;
}

interface DiscussionPage {
  discussions?: { num?: unknown }[];
  count?: unknown;
  start?: unknown;
}

interface DiscussionEvent {
  id?: unknown;
  type?: unknown;
  data?: { latest?: { raw?: unknown }; from?: unknown };
}

interface DiscussionDetails {
  title?: unknown;
  events?: DiscussionEvent[];
}

async function getJson<T>(url: string, access: HubAccess): Promise<T> {
  const response = await access.fetch(url, {
    headers: { accept: "application/json", ...(access.accessToken ? { authorization: `Bearer ${access.accessToken}` } : {}) },
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new HubApiError(url, response.status, response.headers.get("x-request-id") ?? undefined, `Api error with status ${response.status}`);
  }
  return (await response.json()) as T;
}

/** The numbers of every discussion and pull request of a repository, page by page. */
async function* discussionNumbers(base: string, access: HubAccess): AsyncGenerator<number> {
  for (let page = 0; ; page++) {
    const { discussions = [], count, start } = await getJson<DiscussionPage>(`${base}?p=${page}`, access);
    for (const discussion of discussions) if (typeof discussion.num === "number") yield discussion.num;
    const seen = (typeof start === "number" ? start : 0) + discussions.length;
    if (discussions.length === 0 || typeof count !== "number" || seen >= count) return;
  }
}

/** Titles (the current one and those renamed from) and comments of every discussion of a repository. */
export async function* readDiscussions(repo: HubRepo, access: HubAccess): AsyncGenerator<DiscussionText> {
  const base = `${access.hubUrl}/api/${repo.type}s/${repo.name}/discussions`;
  for await (const num of discussionNumbers(base, access)) {
    const details = await getJson<DiscussionDetails>(`${base}/${num}`, access);
    const place = `discussions/${num}`;
    if (typeof details.title === "string") yield { path: place, text: details.title };
    for (const event of details.events ?? []) {
      if (typeof event.id !== "string") continue;
      const text = event.type === "comment" ? event.data?.latest?.raw : event.type === "title-change" ? event.data?.from : undefined;
      if (typeof text === "string" && text !== "") yield { path: `${place}#${event.id}`, text };
    }
  }
}
