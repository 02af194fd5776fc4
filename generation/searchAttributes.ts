// Loom's custom search attributes: the columns and filters of the Temporal Web UI
// ("promoted generations of this repo"). Workflow-safe: definitions only.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const LoomGeneration = defineSearchAttributeKey('LoomGeneration', SearchAttributeType.INT);
/** running | promoted | rejected | failed */
export const LoomOutcome = defineSearchAttributeKey('LoomOutcome', SearchAttributeType.KEYWORD);
/** The step a rejection or failure is attributed to (runTests, llmReview, …). */
export const LoomStage = defineSearchAttributeKey('LoomStage', SearchAttributeType.KEYWORD);
/** APPROVED | REJECTED, once the reviewer has answered. */
export const LoomVerdict = defineSearchAttributeKey('LoomVerdict', SearchAttributeType.KEYWORD);
export const LoomLabModel = defineSearchAttributeKey('LoomLabModel', SearchAttributeType.KEYWORD);
export const LoomCostUsd = defineSearchAttributeKey('LoomCostUsd', SearchAttributeType.DOUBLE);
/** The target repository's absolute path on the worker host. */
export const LoomRepo = defineSearchAttributeKey('LoomRepo', SearchAttributeType.KEYWORD);
/** The loop workflow id a generation belongs to (the loop itself carries its own id). */
export const LoomLoopId = defineSearchAttributeKey('LoomLoopId', SearchAttributeType.KEYWORD);

export const LOOM_SEARCH_ATTRIBUTES = [LoomGeneration, LoomOutcome, LoomStage, LoomVerdict, LoomLabModel, LoomCostUsd, LoomRepo, LoomLoopId];

/** The CLI's type names, for `temporal server start-dev --search-attribute` and `temporal operator search-attribute create`. */
export const CLI_TYPE: Record<string, string> = { INT: 'Int', KEYWORD: 'Keyword', DOUBLE: 'Double', TEXT: 'Text', BOOL: 'Bool', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList' };

export function searchAttributeFlags(): string[] {
  return LOOM_SEARCH_ATTRIBUTES.flatMap((k) => ['--search-attribute', `${k.name}=${CLI_TYPE[k.type]}`]);
}
