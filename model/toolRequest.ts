// How Prime asks for one tool's answer: forced to that tool, unless the model thinks first,
// which the API allows only with tool_choice auto (the caller then asks again if the call is missing).
export function oneToolChoice(toolName: string, maxTokens: number, thinkingTokens?: number) {
  return thinkingTokens
    ? { max_tokens: maxTokens + thinkingTokens, thinking: { type: 'enabled' as const, budget_tokens: thinkingTokens }, tool_choice: { type: 'auto' as const } }
    : { max_tokens: maxTokens, tool_choice: { type: 'tool' as const, name: toolName } };
}
