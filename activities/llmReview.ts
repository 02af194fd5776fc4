import type Anthropic from '@anthropic-ai/sdk';
import type { ReviewVerdict, Usage } from '../generation/recordTypes';
import type { RoleModel } from '../config/workSettings';
import { reviewDiff } from '../git/gitWorkspace';
import { modelFailure } from '../model/modelErrors';
import { addCounts, costUsd, countsOf } from '../model/pricing';
import { oneToolChoice } from '../model/toolRequest';
import { parseVerdict, REVIEW_SYSTEM_PROMPT, reviewPrompt, VERDICT_TOOL } from '../review/reviewVerdict';
import type { ChangedExpectation } from '../verify/testResults';
import type { ActivityScope } from '../generation/activityScope';
import type { LoomDeps } from './deps';

export interface LlmReviewInput {
  scope: ActivityScope;
  baseSha: string;
  labSha: string;
  program: string;
  model: RoleModel;
  /** Paths the reviewer is not shown (excludeFromReview in loom.config.json); still tested and checked. */
  excludes: string[];
  /** Base tests program.md allowed to change whose result did change: each is shown to the reviewer. */
  changedExpectations?: ChangedExpectation[];
  /** What the mechanical gates found, in a few lines. */
  evidence?: string;
}

export interface LlmReviewResult {
  verdict: ReviewVerdict;
  usage: Usage;
  diffChars: number;
  durationMs: number;
}

/** Asks Prime's model to judge the source diff, with the verdict forced through a tool call. */
export function makeLlmReview(deps: LoomDeps) {
  return async function llmReview(input: LlmReviewInput): Promise<LlmReviewResult> {
    const started = Date.now();
    const diff = await reviewDiff(input.scope.repoPath, input.baseSha, input.labSha, input.excludes);
    const usage: Usage = { model: input.model.model, inputTokens: 0, outputTokens: 0, requests: 0, costUsd: 0 };
    if (diff.trim() === '') {
      const verdict: ReviewVerdict = { verdict: 'REJECTED', confidence: 1, reasoning: 'the change holds no source files to review' };
      return { verdict, usage, diffChars: 0, durationMs: Date.now() - started };
    }
    const client = deps.anthropicFor('prime', input.model);
    const content = reviewPrompt(input.program, diff, { changedExpectations: input.changedExpectations, evidence: input.evidence });
    const thinking = input.model.thinkingTokens;
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content }];
    const ask = () =>
      client.messages
        .create({
          model: input.model.model,
          system: REVIEW_SYSTEM_PROMPT,
          tools: [VERDICT_TOOL],
          // With thinking it is asked once more below if the verdict call is missing.
          ...oneToolChoice(VERDICT_TOOL.name, 2048, thinking),
          messages,
        })
        .catch((err: unknown) => {
          throw modelFailure(err, 'Prime', input.model.model, client.baseURL);
        });
    let response = await ask();
    Object.assign(usage, countsOf(response.usage), { requests: 1 });
    if (thinking && !response.content.some((b) => b.type === 'tool_use' && b.name === VERDICT_TOOL.name)) {
      messages.push({ role: 'assistant', content: response.content }, { role: 'user', content: `Give your verdict by calling ${VERDICT_TOOL.name}.` });
      response = await ask();
      Object.assign(usage, addCounts(usage, countsOf(response.usage)), { requests: 2 });
    }
    usage.costUsd = costUsd(input.model.model, usage);
    return { verdict: parseVerdict(response.content), usage, diffChars: diff.length, durationMs: Date.now() - started };
  };
}
