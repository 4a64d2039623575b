// Creates or updates the one pull-request comment that carries `marker` (a hidden HTML comment),
// so every push edits the same comment per stack instead of adding another. Called from
// actions/github-script, which passes its authenticated `github` client.
'use strict';

/** GitHub refuses comments over 65,536 characters. */
const MAX_BODY = 65000;

/**
 * @param {{ github: any, owner: string, repo: string, issueNumber: number, marker: string, body: string }} options
 * @returns {Promise<{ action: 'created' | 'updated', id: number }>}
 */
async function upsertComment({ github, owner, repo, issueNumber, marker, body }) {
  if (!/^<!-- [\w:.-]+ -->$/.test(marker)) {
    throw new Error(`marker must look like <!-- name:stack --> (got ${JSON.stringify(marker)})`);
  }
  let text = `${marker}\n${body}`;
  if (text.length > MAX_BODY) {
    text = `${text.slice(0, MAX_BODY)}\n\n_Comment cut at ${MAX_BODY} characters; the job log has the rest._\n`;
  }
  const comments = await github.paginate(github.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  // Only our own bot's comments: a reviewer quoting the marker must not have their comment overwritten.
  const existing = comments.find(
    (comment) =>
      comment.user?.type === 'Bot' && typeof comment.body === 'string' && comment.body.startsWith(marker),
  );
  if (existing !== undefined) {
    await github.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body: text });
    return { action: 'updated', id: existing.id };
  }
  const created = await github.rest.issues.createComment({
    owner,
    repo,
    issue_number: issueNumber,
    body: text,
  });
  return { action: 'created', id: created.data.id };
}

module.exports = { upsertComment, MAX_BODY };
