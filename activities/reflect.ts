import type Anthropic from '@anthropic-ai/sdk';
import { simpleGit } from 'simple-git';
import { PermanentError } from '../generation/errors';
import { modelFailure } from '../model/modelErrors';
import { riskRung, type GenerationSummary } from '../generation/loop';
import type { Usage } from '../generation/recordTypes';
import type { RoleModel } from '../config/workSettings';
import { addCounts, costUsd, countsOf } from '../model/pricing';
import { oneToolChoice } from '../model/toolRequest';
import { CAPABILITIES } from '../program/capabilityNames';
import { renderProgram } from '../program/programMarkdown';
import { formatProblems, taskKey, type ProgramProblem, type ProgramSpec } from '../program/programSpec';
import { validateSpec } from '../program/validateSpec';
import type { LoomDeps } from './deps';
import { heartbeat, previousHeartbeat, withHeartbeat } from './heartbeat';
import { withUsage } from './spentOnFailure';

export interface ReflectInput {
  repoPath: string;
  baseRef: string;
  generation: number;
  model: RoleModel;
  testCommand: string;
  /** Earlier generations, oldest first. */
  recent: GenerationSummary[];
  rejectedTaskKeys: string[];
  promotedSoFar: number;
  maxAttempts?: number;
}

export interface ReflectResult {
  program: string;
  title: string;
  taskKey: string;
  risk: string;
  attempts: number;
  usage: Usage;
  durationMs: number;
}

export const PROGRAM_TOOL: Anthropic.Tool = {
  name: 'submit_program',
  description: 'Submit the program.md for the next generation.',
  input_schema: {
    type: 'object',
    properties: {
      title: { type: 'string' },
      task: { type: 'string', description: 'What to do, precisely: files and functions by name.' },
      context: { type: 'string' },
      acceptance_criteria: {
        type: 'array',
        items: { type: 'string' },
        description: 'Each one checkable. For a new function, include worked examples written as `name(literal arguments) is literal value` (e.g. `median([1, 2, 3, 4]) is 2.5`): verification calls the new function with them.',
      },
      held_out_examples: {
        type: 'array',
        items: { type: 'string' },
        description:
          'Worked examples the Lab never sees, written like the acceptance criteria\'s (`name(literal arguments) is literal value`), for each function the task adds or whose behaviour it changes. Choose inputs the visible examples do not show: edges, large values, the cases a shortcut would miss. Verification calls the changed code with them, so a change cannot pass them by recognising its tests\' inputs.',
      },
      success_conditions: { type: 'array', items: { type: 'string' } },
      constraints: { type: 'array', items: { type: 'string' }, description: 'Constraints and what is out of scope. A bullet such as "Do not change src/a.js" is enforced on the paths it names.' },
      tests_that_may_change: {
        type: 'array',
        items: { type: 'string' },
        description: 'Only for a task that changes existing behaviour: the existing tests whose expectations it changes, as a test file path or `file > full test name`. Every other existing test must still pass unchanged.',
      },
      capabilities: {
        type: 'array',
        items: { type: 'string' },
        description:
          `Only when the task needs it: what the new code may reach beyond its own inputs, each starting with one of ${CAPABILITIES.join(', ')}, then why (e.g. "environment: reads CALC_PRECISION"). New code that reaches an undeclared one is rejected.`,
      },
      risk: { type: 'string', enum: ['tests', 'refactor', 'feature'] },
    },
    required: ['title', 'task', 'acceptance_criteria', 'risk'],
  },
};

export const REFLECT_SYSTEM_PROMPT = `You are Prime, who chooses the next task for an autonomous coding agent (the Lab) working on a git repository.
The Lab works alone in a sealed container without network, so it cannot add dependencies. Its change is promoted only if the
repository's tests pass, no existing test is lost, skipped or weakened, and a reviewer approves it.
Choose ONE small, verifiable task that improves the code, climbing a ladder of risk: tests for untested pure functions first,
then small refactors, then features. Stay at or below the rung you are given. Never propose a task that was rejected before
unless you change it to address the rejection reason. Name the files and functions involved. The repository's existing tests
judge the change as they are: if the task changes behaviour an existing test checks, list that test in tests_that_may_change.
A tests task changes only test files. Call submit_program.`;

function specFrom(input: Record<string, unknown>): ProgramSpec {
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const risk = input.risk;
  return {
    title: typeof input.title === 'string' ? input.title.trim() : '',
    task: typeof input.task === 'string' ? input.task.trim() : '',
    context: typeof input.context === 'string' && input.context.trim() ? input.context.trim() : undefined,
    acceptanceCriteria: list(input.acceptance_criteria),
    successConditions: list(input.success_conditions),
    constraints: list(input.constraints),
    risk: risk === 'tests' || risk === 'refactor' || risk === 'feature' ? risk : undefined,
    ...(list(input.tests_that_may_change).length ? { testsThatMayChange: list(input.tests_that_may_change) } : {}),
    ...(list(input.capabilities).length ? { capabilities: list(input.capabilities) } : {}),
    ...(list(input.held_out_examples).length ? { heldOutExamples: list(input.held_out_examples) } : {}),
  };
}

function describeHistory(recent: GenerationSummary[]): string {
  if (recent.length === 0) return 'None yet: this is the first generation.';
  return recent
    .map((g) => `- gen ${g.generation} "${g.title}": ${g.outcome}${g.stage ? ` at ${g.stage}` : ''}${g.reason ? ` (${g.reason.split('\n')[0]!.slice(0, 200)})` : ''}${g.tests ? `; tests ${g.tests.passed}/${g.tests.total}` : ''}`)
    .join('\n');
}

/** Prime's reflect step: reads the repository and the loop's history, writes the next program.md. */
export function makeReflect(deps: LoomDeps) {
  return async function reflect(input: ReflectInput): Promise<ReflectResult> {
    const started = Date.now();
    const g = simpleGit(input.repoPath);
    const files = (await g.raw(['ls-tree', '-r', '--name-only', input.baseRef])).split('\n').filter(Boolean);
    const log = await g.raw(['log', '-15', '--format=%h %s', input.baseRef]);
    const rung = riskRung(input.promotedSoFar);
    const last = input.recent.filter((r) => r.tests).at(-1)?.tests;
    const prompt = [
      `Repository files (${files.length}${files.length > 300 ? ', first 300 shown' : ''}):\n${files.slice(0, 300).join('\n')}`,
      `Recent commits on ${input.baseRef}:\n${log.trim()}`,
      `Test command: \`${input.testCommand}\`${last ? `; last report: ${last.passed} passed, ${last.failed} failed, ${last.skipped} skipped of ${last.total}` : ''}`,
      `Earlier generations:\n${describeHistory(input.recent)}`,
      `Current rung of the ladder: ${rung}. This is generation ${input.generation}.`,
    ].join('\n\n');

    const client = deps.anthropicFor('prime', input.model);
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: prompt }];
    // What earlier attempts of this activity spent counts too: every call is paid for.
    const usage: Usage = previousHeartbeat<{ usage: Usage }>()?.usage ?? { model: input.model.model, inputTokens: 0, outputTokens: 0, requests: 0, costUsd: 0 };
    const maxAttempts = input.maxAttempts ?? 3;
    const thinking = input.model.thinkingTokens;
    let problems: ProgramProblem[] = [];
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      // Beats while a slow model answers, carrying what was spent so far.
      const response = await withHeartbeat(
        () => ({ usage }),
        client.messages
          .create({
            model: input.model.model,
            system: REFLECT_SYSTEM_PROMPT,
            tools: [PROGRAM_TOOL],
            // With thinking a missing call is answered like an invalid program, and asked again.
            ...oneToolChoice(PROGRAM_TOOL.name, 4096, thinking),
            messages,
          })
          .catch((err: unknown) => {
            throw withUsage(modelFailure(err, 'Prime', input.model.model, client.baseURL), usage);
          }),
      );
      usage.requests++;
      Object.assign(usage, addCounts(usage, countsOf(response.usage)));
      usage.costUsd = costUsd(usage.model, usage);
      heartbeat({ usage });
      const call = response.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && b.name === PROGRAM_TOOL.name);
      if (!call) {
        problems = [{ message: 'no submit_program call: answer by calling submit_program' }];
        // Every tool call needs its result, even a call to a tool that does not exist.
        const others = response.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
        messages.push(
          { role: 'assistant', content: response.content },
          {
            role: 'user',
            content: others.length
              ? others.map((b) => ({ type: 'tool_result' as const, tool_use_id: b.id, is_error: true, content: `unknown tool ${b.name}: ${problems[0]!.message}` }))
              : problems[0]!.message,
          },
        );
        continue;
      }
      const spec = specFrom((call.input ?? {}) as Record<string, unknown>);
      problems = validateSpec(spec);
      if (!spec.risk) problems.push({ message: 'risk must be one of tests, refactor, feature' });
      const key = taskKey(spec);
      if (input.rejectedTaskKeys.includes(key)) {
        problems.push({ message: `this exact task was already tried and not promoted: change it to address the rejection, or choose another task` });
      }
      if (problems.length === 0) {
        return { program: renderProgram(spec), title: spec.title, taskKey: key, risk: spec.risk!, attempts: attempt, usage, durationMs: Date.now() - started };
      }
      // The errors go back to the model as the tool's result, and it tries again.
      messages.push(
        { role: 'assistant', content: response.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, is_error: true, content: `The program.md is invalid:\n${formatProblems(problems)}\nCall submit_program again with these fixed.` }] },
      );
    }
    throw withUsage(new PermanentError(`reflect produced no valid program.md in ${maxAttempts} attempts: ${formatProblems(problems)}`), usage);
  };
}
