import { join, resolve } from 'node:path';

// The comment upsert script the workflows run through actions/github-script.
const SCRIPT = join(resolve(__dirname, '..', '..', '..'), '.github', 'scripts', 'upsert-comment.cjs');

interface Comment {
  id: number;
  body: string;
  user: { type: string };
}

type Upsert = (options: {
  github: unknown;
  owner: string;
  repo: string;
  issueNumber: number;
  marker: string;
  body: string;
}) => Promise<{ action: string; id: number }>;

/** A stand-in for the Octokit client with the three calls the script makes. */
function fakeGithub(comments: Comment[]) {
  const calls: { created: string[]; updated: { id: number; body: string }[] } = { created: [], updated: [] };
  const listComments = async (): Promise<never> => {
    throw new Error('listComments is called through paginate');
  };
  const github = {
    paginate: async (method: unknown, params: { issue_number: number }) => {
      expect(method).toBe(listComments);
      expect(params.issue_number).toBe(7);
      return comments;
    },
    rest: {
      issues: {
        listComments,
        updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => {
          calls.updated.push({ id: comment_id, body });
        },
        createComment: async ({ body }: { body: string }) => {
          calls.created.push(body);
          return { data: { id: 99 } };
        },
      },
    },
  };
  return { github, calls };
}

async function loadUpsert(): Promise<Upsert> {
  const module = (await import(SCRIPT)) as { upsertComment: Upsert };
  return module.upsertComment;
}

describe('upsert-comment.cjs', () => {
  const marker = '<!-- credential-rotation-preview:prod -->';

  it('updates the bot comment that starts with the stack marker', async () => {
    const upsert = await loadUpsert();
    const { github, calls } = fakeGithub([
      { id: 1, body: `${marker}\nold`, user: { type: 'User' } },
      { id: 2, body: '<!-- credential-rotation-preview:dev -->\nother stack', user: { type: 'Bot' } },
      { id: 3, body: `${marker}\nold preview`, user: { type: 'Bot' } },
    ]);
    const result = await upsert({
      github,
      owner: 'o',
      repo: 'r',
      issueNumber: 7,
      marker,
      body: 'new preview',
    });
    expect(result).toEqual({ action: 'updated', id: 3 });
    expect(calls.updated).toEqual([{ id: 3, body: `${marker}\nnew preview` }]);
    expect(calls.created).toEqual([]);
  });

  it('creates the comment when no bot comment carries the marker', async () => {
    const upsert = await loadUpsert();
    const { github, calls } = fakeGithub([{ id: 1, body: `quoting ${marker}`, user: { type: 'Bot' } }]);
    expect(await upsert({ github, owner: 'o', repo: 'r', issueNumber: 7, marker, body: 'first' })).toEqual({
      action: 'created',
      id: 99,
    });
    expect(calls.created).toEqual([`${marker}\nfirst`]);
  });

  it('cuts a body longer than a comment may be and refuses a malformed marker', async () => {
    const upsert = await loadUpsert();
    const { github, calls } = fakeGithub([]);
    await upsert({ github, owner: 'o', repo: 'r', issueNumber: 7, marker, body: 'x'.repeat(70_000) });
    expect(calls.created[0]?.length).toBeLessThan(65_536);
    expect(calls.created[0]).toContain('Comment cut at');
    await expect(
      upsert({ github, owner: 'o', repo: 'r', issueNumber: 7, marker: 'prod', body: '' }),
    ).rejects.toThrow(/marker must look like/);
  });
});
